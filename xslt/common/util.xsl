<?xml version="1.0" encoding="UTF-8"?>
<!-- String helpers shared by every output format: link prefixes, repetition, case. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>
  <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
  <!-- Sort keys fold case and the common Latin diacritics (libxslt sorts by code point). -->
  <xsl:variable name="sort-from" select="concat('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'áàâäãåăąčćçďđéèêëěęíìîïľĺłňńñóòôöõőøřŕšśşșťţțúùûüůűýÿžźż', 'ÁÀÂÄÃÅĂĄČĆÇĎĐÉÈÊËĚĘÍÌÎÏĽĹŁŇŃÑÓÒÔÖÕŐØŘŔŠŚŞȘŤŢȚÚÙÛÜŮŰÝŸŽŹŻ')"/>
  <xsl:variable name="sort-to" select="concat('abcdefghijklmnopqrstuvwxyz', 'aaaaaaaacccddeeeeeeiiiilllnnnooooooorrsssstttuuuuuuyyzzz', 'aaaaaaaacccddeeeeeeiiiilllnnnooooooorrsssstttuuuuuuyyzzz')"/>

  <!-- A URL from the edition index XML (relative to the site root) made relative to the page:
       absolute URLs (with a scheme) and fragment-only links pass unchanged. -->
  <xsl:template name="site-href">
    <xsl:param name="href"/>
    <xsl:param name="base"/>
    <xsl:choose>
      <xsl:when test="starts-with($href, '#') or contains(substring-before(concat($href, '/'), '/'), ':')">
        <xsl:value-of select="$href"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($base, $href)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- $string repeated $count times (for underlines in plain text). -->
  <xsl:template name="repeat">
    <xsl:param name="string"/>
    <xsl:param name="count" select="0"/>
    <xsl:if test="$count &gt; 0">
      <xsl:value-of select="$string"/>
      <xsl:call-template name="repeat">
        <xsl:with-param name="string" select="$string"/>
        <xsl:with-param name="count" select="$count - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Between two listed values: the separator, or a space when the first value already
       ends with punctuation of its own (a reference ending in "."). -->
  <xsl:template name="separator">
    <xsl:param name="after"/>
    <xsl:param name="separator" select="', '"/>
    <xsl:variable name="text" select="normalize-space($after)"/>
    <xsl:variable name="last" select="substring($text, string-length($text))"/>
    <xsl:choose>
      <xsl:when test="$last = '.' or $last = ';' or $last = ','"><xsl:text> </xsl:text></xsl:when>
      <xsl:otherwise><xsl:value-of select="$separator"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "persons" -> "Persons": the first letter of a word upper-cased. -->
  <xsl:template name="capitalise">
    <xsl:param name="word"/>
    <xsl:value-of select="concat(translate(substring($word, 1, 1), $lower, $upper), substring($word, 2))"/>
  </xsl:template>

  <!-- A token usable in a class name: letters, digits, hyphens. -->
  <xsl:template name="class-token">
    <xsl:param name="value"/>
    <xsl:value-of select="translate(normalize-space($value),
      ' .:/#&quot;&lt;&gt;&amp;ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      '----------abcdefghijklmnopqrstuvwxyz')"/>
  </xsl:template>

</xsl:stylesheet>

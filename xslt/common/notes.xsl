<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which notes are footnotes, and their numbers and anchors, for every output format.
  A footnote is a tei:note in the text that is not inline and not inside another note;
  its number is @n, else its position among footnotes; its anchor is @tp:anchor, else
  "note-" + number (the same rule the Python side follows).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <!-- Every footnote of the input, in document order: one walk over the document (as
       //tei:text//tei:note, which libxml2 evaluates as two). -->
  <xsl:variable name="footnotes"
      select="/descendant::tei:note[not(@place = 'inline')][ancestor::tei:text][not(ancestor::tei:note)]"/>

  <xsl:template match="tei:note" mode="note-number">
    <xsl:choose>
      <xsl:when test="normalize-space(@n) != ''">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:number level="any" from="/"
            count="tei:text//tei:note[not(@place = 'inline')][not(ancestor::tei:note)]"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-anchor">
    <xsl:choose>
      <xsl:when test="@tp:anchor"><xsl:value-of select="@tp:anchor"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n"><xsl:apply-templates select="." mode="note-number"/></xsl:variable>
        <!-- A file holding several documents may number each one's notes from 1: a repeated
             number gets a suffix so that anchors stay unique. -->
        <xsl:variable name="same"
            select="count(preceding::tei:note[ancestor::tei:text][not(@place = 'inline')]
                    [not(ancestor::tei:note)][normalize-space(@n) = $n])"/>
        <xsl:value-of select="concat('note-', translate($n, ' ', '-'))"/>
        <xsl:if test="normalize-space(@n) != '' and $same &gt; 0">
          <xsl:value-of select="concat('-', $same + 1)"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

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
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei tp exsl">

  <!-- Every footnote of the input, in document order: one walk over the document (as
       //tei:text//tei:note, which libxml2 evaluates as two). -->
  <xsl:variable name="footnotes"
      select="/descendant::tei:note[not(@place = 'inline')][ancestor::tei:text][not(ancestor::tei:note)]"/>

  <!-- Each footnote's position among the footnotes, and its @n, found by key: numbering a
       note without @n (xsl:number) and suffixing a repeated @n (preceding::) each walk the
       document once per note, which made long documents quadratic. Made only when some
       footnote needs it (the build gives every note a tp:anchor). -->
  <xsl:variable name="tp-footnote-positions">
    <xsl:if test="$footnotes[normalize-space(@n) = '' or not(@tp:anchor)]">
      <xsl:for-each select="$footnotes">
        <tp:footnote id="{generate-id()}" n="{normalize-space(@n)}" position="{position()}"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:key name="tp-footnote-by-id" match="tp:footnote" use="@id"/>
  <xsl:key name="tp-footnote-by-n" match="tp:footnote" use="@n"/>

  <xsl:template match="tei:note" mode="note-number">
    <xsl:choose>
      <xsl:when test="normalize-space(@n) != ''">
        <xsl:value-of select="normalize-space(@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="id" select="generate-id()"/>
        <xsl:variable name="position">
          <xsl:for-each select="exsl:node-set($tp-footnote-positions)">
            <xsl:value-of select="key('tp-footnote-by-id', $id)/@position"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="string($position) != ''"><xsl:value-of select="$position"/></xsl:when>
          <xsl:otherwise>
            <xsl:number level="any" from="/"
                count="tei:text//tei:note[not(@place = 'inline')][not(ancestor::tei:note)]"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-anchor">
    <xsl:choose>
      <xsl:when test="@tp:anchor"><xsl:value-of select="@tp:anchor"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n"><xsl:apply-templates select="." mode="note-number"/></xsl:variable>
        <xsl:value-of select="concat('note-', translate($n, ' ', '-'))"/>
        <!-- A file holding several documents may number each one's notes from 1: a repeated
             number gets a suffix so that anchors stay unique. -->
        <xsl:if test="normalize-space(@n) != ''">
          <xsl:variable name="id" select="generate-id()"/>
          <xsl:variable name="n-before">
            <xsl:for-each select="exsl:node-set($tp-footnote-positions)">
              <xsl:variable name="position" select="key('tp-footnote-by-id', $id)/@position"/>
              <xsl:if test="$position">
                <xsl:value-of select="count(key('tp-footnote-by-n', string($n))[@position &lt; $position])"/>
              </xsl:if>
            </xsl:for-each>
          </xsl:variable>
          <xsl:variable name="same">
            <xsl:choose>
              <xsl:when test="string($n-before) != ''"><xsl:value-of select="$n-before"/></xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="count(preceding::tei:note[ancestor::tei:text][not(@place = 'inline')]
                                      [not(ancestor::tei:note)][normalize-space(@n) = $n])"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:if test="$same &gt; 0">
            <xsl:value-of select="concat('-', $same + 1)"/>
          </xsl:if>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citations as values shared by every format: labels of archival identifiers
  (fond, opis, delo...) and of cited ranges, used in header metadata and the citation index.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- The conventional abbreviation of an archival level (Russian archives' f./op./d./l.
       and the generic ones); an unknown type shows as itself. -->
  <xsl:template name="archival-level-label">
    <xsl:param name="type"/>
    <xsl:choose>
      <xsl:when test="$type = 'fond'">f.</xsl:when>
      <xsl:when test="$type = 'opis'">op.</xsl:when>
      <xsl:when test="$type = 'perechen'">per.</xsl:when>
      <xsl:when test="$type = 'delo'">d.</xsl:when>
      <xsl:when test="$type = 'dokument'">dok.</xsl:when>
      <xsl:when test="$type = 'papka'">p.</xsl:when>
      <xsl:when test="$type = 'portfel'">por.</xsl:when>
      <xsl:when test="$type = 'rolik'">rolik</xsl:when>
      <xsl:when test="$type = 'leaf'">l.</xsl:when>
      <xsl:when test="$type = 'page'">p.</xsl:when>
      <xsl:when test="$type = 'volume'">vol.</xsl:when>
      <xsl:when test="$type = 'issue'">no.</xsl:when>
      <xsl:when test="$type = 'box'">box</xsl:when>
      <xsl:when test="$type = 'folder'">folder</xsl:when>
      <xsl:when test="$type = 'series'">series</xsl:when>
      <xsl:otherwise><xsl:value-of select="$type"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The full name of an archival level, for headings of the citation index. -->
  <xsl:template name="archival-level-name">
    <xsl:param name="type"/>
    <xsl:choose>
      <xsl:when test="$type = ''">Other</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(translate(substring($type, 1, 1),
          'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($type, 2))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "f. 3, op. 64, d. 486": a list of tei:idno written with their level labels. -->
  <xsl:template name="archival-location">
    <xsl:param name="idnos"/>
    <xsl:for-each select="$idnos">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:if test="@type">
        <xsl:call-template name="archival-level-label">
          <xsl:with-param name="type" select="@type"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A biblStruct has no punctuation of its own: author, title, imprint, range.
       Its notes are not part of the reference. -->
  <xsl:template name="bibl-struct">
    <xsl:for-each select="tei:analytic | tei:monogr">
      <xsl:if test="position() &gt; 1"><xsl:text>, in: </xsl:text></xsl:if>
      <xsl:for-each select="tei:author | tei:editor">
        <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:apply-templates/>
      </xsl:for-each>
      <xsl:if test="(tei:author | tei:editor) and tei:title"><xsl:text>, </xsl:text></xsl:if>
      <xsl:for-each select="tei:title">
        <xsl:if test="position() &gt; 1"><xsl:text>: </xsl:text></xsl:if>
        <xsl:if test="@level = 'a'">“</xsl:if>
        <xsl:apply-templates select="."/>
        <xsl:if test="@level = 'a'">”</xsl:if>
      </xsl:for-each>
      <xsl:for-each select="tei:edition | tei:imprint/* | tei:biblScope">
        <xsl:text>, </xsl:text>
        <xsl:if test="self::tei:biblScope and @unit and not(starts-with(normalize-space(.), @unit))">
          <xsl:choose>
            <xsl:when test="@unit = 'page' and (contains(., '-') or contains(., '–'))">pp.</xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="archival-level-label">
                <xsl:with-param name="type" select="@unit"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="tei:citedRange | tei:idno">
      <xsl:text>, </xsl:text>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates as values: the normalised date of a tei:date (or any dated element) and
  the label of a name, from the tp: annotation when present, else from the TEI attributes.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <!-- Elements that name a register entry (person, organisation, place, thing). -->
  <xsl:variable name="name-elements"
      select="' persName orgName placeName geogName name rs term '"/>

  <!-- The normalised value of a date: @tp:iso, else @when, else a from/to or
       notBefore/notAfter range written "a/b" (an open end stays empty, as in ISO 8601). -->
  <xsl:template match="*" mode="date-iso">
    <xsl:choose>
      <xsl:when test="@tp:iso"><xsl:value-of select="@tp:iso"/></xsl:when>
      <xsl:when test="@when"><xsl:value-of select="normalize-space(@when)"/></xsl:when>
      <xsl:when test="@from or @to">
        <xsl:value-of select="concat(normalize-space(@from), '/', normalize-space(@to))"/>
      </xsl:when>
      <xsl:when test="@notBefore or @notAfter">
        <xsl:value-of select="concat(normalize-space(@notBefore), '/', normalize-space(@notAfter))"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A date as the reader should see its normalised value: @tp:display, else the ISO form. -->
  <xsl:template match="*" mode="date-display">
    <xsl:choose>
      <xsl:when test="@tp:display"><xsl:value-of select="@tp:display"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="date-iso"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The register's name for a mention: @tp:label, else nothing. -->
  <xsl:template match="*" mode="name-label">
    <xsl:value-of select="@tp:label"/>
  </xsl:template>

  <!-- The kind of thing a name points at: @tp:kind, else guessed from the element. -->
  <xsl:template match="*" mode="name-kind">
    <xsl:choose>
      <xsl:when test="@tp:kind"><xsl:value-of select="@tp:kind"/></xsl:when>
      <xsl:when test="self::tei:persName">person</xsl:when>
      <xsl:when test="self::tei:orgName">org</xsl:when>
      <xsl:when test="self::tei:placeName or self::tei:geogName">place</xsl:when>
      <xsl:otherwise>unknown</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

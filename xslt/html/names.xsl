<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates in running text. A name the pipeline resolved (@tp:href) links to its
  register page, titled with the register's normalised name and anchored (tp:anchor) so that
  the register's keyword-in-context lines can link back to this exact place. Dates carry
  their normalised value in <time datetime> and a tooltip.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:geogName | tei:name | tei:rs
                       | tei:term | tei:settlement | tei:country | tei:region | tei:district
                       | tei:bloc | tei:repository | tei:institution | tei:collection">
    <xsl:variable name="kind"><xsl:apply-templates select="." mode="name-kind"/></xsl:variable>
    <xsl:variable name="label"><xsl:apply-templates select="." mode="name-label"/></xsl:variable>
    <!-- only a link needs to know whether it would sit inside another -->
    <xsl:variable name="in-link">
      <xsl:if test="@tp:href"><xsl:call-template name="in-link"/></xsl:if>
    </xsl:variable>
    <!-- "name name-KIND tei-NAME"; name-KIND only for a name that points somewhere -->
    <xsl:variable name="class"
        select="concat('name ', substring(concat('name-', $kind, ' '),
                                          1 div boolean(@tp:kind or @ref or @key or @corresp)),
                       'tei-', local-name())"/>
    <xsl:choose>
      <xsl:when test="@tp:href and $in-link = ''">
        <a href="{@tp:href}" class="{$class}" data-kind="{$kind}">
          <xsl:call-template name="id-lang"/>
          <xsl:if test="$label != ''">
            <xsl:attribute name="title"><xsl:value-of select="$label"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:call-template name="id-lang"/>
          <xsl:if test="$label != ''">
            <xsl:attribute name="title"><xsl:value-of select="$label"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date: <time> when its value is one W3C date (HTML allows no ranges there),
       a span with data-iso otherwise. -->
  <xsl:template match="tei:date | tei:origDate">
    <xsl:variable name="iso"><xsl:apply-templates select="." mode="date-iso"/></xsl:variable>
    <xsl:variable name="display"><xsl:apply-templates select="." mode="date-display"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$iso != '' and not(contains($iso, '/'))">
        <time class="date" datetime="{$iso}" title="{$display}">
          <xsl:call-template name="id-lang"/>
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span class="date">
          <xsl:call-template name="id-lang"/>
          <xsl:if test="$iso != ''">
            <xsl:attribute name="data-iso"><xsl:value-of select="$iso"/></xsl:attribute>
            <xsl:attribute name="title"><xsl:value-of select="$display"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

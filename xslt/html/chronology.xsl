<?xml version="1.0" encoding="UTF-8"?>
<!--
  chronology.html: every dated event and document in date order, with a timeline picture
  drawn here as inline SVG (no JavaScript). The SVG is decorative (aria-hidden); the list
  below it carries the same information as text and links. A large chronology is split by
  year: chronology.html lists the years (tp:page), and each chronology/<year>.html is
  rendered like a whole chronology, with links to the years around it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tp="https://teipress.org/ns"
    xmlns:exsl="http://exslt.org/common"
    xmlns:math="http://exslt.org/math"
    extension-element-prefixes="exsl math"
    exclude-result-prefixes="tp exsl math">

  <xsl:key name="document-by-id" match="tp:documents/tp:document" use="@id"/>

  <xsl:variable name="tl-left" select="40"/>
  <xsl:variable name="tl-right" select="40"/>
  <xsl:variable name="tl-rows" select="8"/>
  <xsl:variable name="tl-row-height" select="12"/>

  <xsl:template match="tp:edition" mode="chronology-page">
    <xsl:variable name="events" select="tp:chronology/tp:event"/>
    <xsl:variable name="title">
      <xsl:text>Chronology</xsl:text>
      <xsl:if test="tp:chronology/@index-href">
        <xsl:value-of select="concat(': ', tp:chronology/@label)"/>
      </xsl:if>
    </xsl:variable>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="current" select="'chronology'"/>
      <xsl:with-param name="body-class" select="'tp-chronology'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:apply-templates select="tp:chronology[@index-href]" mode="index-pager">
          <xsl:with-param name="all" select="'All years'"/>
        </xsl:apply-templates>
        <xsl:choose>
          <xsl:when test="tp:chronology/tp:page">
            <xsl:apply-templates select="tp:chronology" mode="index-overview">
              <xsl:with-param name="unit" select="'event'"/>
              <xsl:with-param name="lead">Every dated event and document of the edition, one page per year.</xsl:with-param>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:when test="$events">
            <xsl:call-template name="timeline">
              <xsl:with-param name="events" select="$events"/>
            </xsl:call-template>
            <ol class="chronology">
              <xsl:for-each select="$events">
                <xsl:sort select="substring-before(concat(@sort-key, '|'), '|')"/>
                <xsl:sort select="substring-after(@sort-key, '|')"/>
                <xsl:sort select="@label"/>
                <xsl:apply-templates select="." mode="chronology-item"/>
              </xsl:for-each>
            </ol>
          </xsl:when>
          <xsl:otherwise><p>The edition has no dated events.</p></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tp:event" mode="chronology-item">
    <li class="event">
      <xsl:variable name="iso" select="normalize-space(@iso)"/>
      <xsl:element name="{substring('spantime', 1 + 4 * number(normalize-space(@iso | @date) != '' and not(contains(@iso | @date, '/'))), 4)}">
        <xsl:attribute name="class">date</xsl:attribute>
        <xsl:if test="$iso != '' and not(contains($iso, '/'))">
          <xsl:attribute name="datetime"><xsl:value-of select="$iso"/></xsl:attribute>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="normalize-space(@display) != ''"><xsl:value-of select="@display"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$iso"/></xsl:otherwise>
        </xsl:choose>
      </xsl:element>
      <span class="event-label"><xsl:value-of select="concat(' ', @label)"/></span>
      <xsl:if test="normalize-space(@href) != ''">
        <xsl:text> </xsl:text>
        <a class="event-source">
          <xsl:attribute name="href">
            <xsl:call-template name="site-href">
              <xsl:with-param name="href" select="@href"/>
              <xsl:with-param name="base" select="$base"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:variable name="doc" select="key('document-by-id', @document)/@title"/>
          <xsl:choose>
            <xsl:when test="normalize-space(@doc-title) != ''"><xsl:value-of select="@doc-title"/></xsl:when>
            <xsl:when test="$doc"><xsl:value-of select="$doc"/></xsl:when>
            <xsl:otherwise>source</xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- A date key "YYYY[-MM[-DD]]" as a number of years (1956-07-01 = 1956.5); NaN if none. -->
  <xsl:template name="year-number">
    <xsl:param name="key"/>
    <xsl:variable name="start" select="substring-before(concat($key, '/'), '/')"/>
    <xsl:variable name="y" select="number(substring($start, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($start, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($start, 9, 2))"/>
    <xsl:variable name="mm"><xsl:choose><xsl:when test="$m = $m"><xsl:value-of select="$m - 1"/></xsl:when><xsl:otherwise>0</xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:variable name="dd"><xsl:choose><xsl:when test="$d = $d"><xsl:value-of select="$d - 1"/></xsl:when><xsl:otherwise>0</xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:value-of select="$y + $mm div 12 + $dd div 372"/>
  </xsl:template>

  <xsl:template name="timeline">
    <xsl:param name="events"/>
    <xsl:variable name="points-rtf">
      <xsl:for-each select="$events">
        <xsl:sort select="substring-before(concat(@sort-key, '|'), '|')"/>
                <xsl:sort select="substring-after(@sort-key, '|')"/>
        <xsl:variable name="t">
          <xsl:call-template name="year-number">
            <xsl:with-param name="key" select="concat(@sort-key, substring(@iso, 1, number(not(@sort-key)) * string-length(@iso)))"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:if test="number($t) = number($t)">
          <point t="{$t}" label="{normalize-space(concat(@display, ' ', @label))}"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="points" select="exsl:node-set($points-rtf)/point"/>
    <xsl:if test="$points">
      <xsl:variable name="first" select="floor(math:min($points/@t))"/>
      <xsl:variable name="last" select="floor(math:max($points/@t)) + 1"/>
      <xsl:variable name="span" select="$last - $first"/>
      <xsl:variable name="width" select="number($timeline-width)"/>
      <xsl:variable name="scale" select="($width - $tl-left - $tl-right) div $span"/>
      <xsl:variable name="axis" select="20 + $tl-rows * $tl-row-height"/>
      <xsl:variable name="step">
        <xsl:choose>
          <xsl:when test="$span &lt;= 12">1</xsl:when>
          <xsl:when test="$span &lt;= 60">5</xsl:when>
          <xsl:when test="$span &lt;= 120">10</xsl:when>
          <xsl:when test="$span &lt;= 600">50</xsl:when>
          <xsl:otherwise>100</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <figure class="timeline">
        <svg viewBox="0 0 {$width} {$axis + 30}" width="100%" class="timeline-svg"
             aria-hidden="true" focusable="false">
          <line class="axis" x1="{$tl-left}" y1="{$axis}" x2="{$width - $tl-right}" y2="{$axis}"/>
          <xsl:call-template name="timeline-ticks">
            <xsl:with-param name="year" select="ceiling($first div $step) * $step"/>
            <xsl:with-param name="last" select="$last"/>
            <xsl:with-param name="step" select="number($step)"/>
            <xsl:with-param name="first" select="$first"/>
            <xsl:with-param name="scale" select="$scale"/>
            <xsl:with-param name="axis" select="$axis"/>
          </xsl:call-template>
          <xsl:for-each select="$points">
            <xsl:variable name="x" select="$tl-left + (@t - $first) * $scale"/>
            <!-- A point closer than 8px to the one before it is lifted to another row, so that
                 clusters stay visible. Only the immediate predecessor is looked at: counting
                 every near predecessor is quadratic (minutes for tens of thousands of events). -->
            <xsl:variable name="prev" select="preceding-sibling::point[1]"/>
            <xsl:variable name="crowded"
                select="$prev and ((@t - $prev/@t) * $scale) &lt; 8"/>
            <xsl:variable name="near" select="number($crowded) * position()"/>
            <circle class="event" r="4" cx="{format-number($x, '0.0')}"
                    cy="{$axis - 10 - ($near mod $tl-rows) * $tl-row-height}">
              <title><xsl:value-of select="@label"/></title>
            </circle>
          </xsl:for-each>
        </svg>
        <figcaption>
          <xsl:value-of select="concat(count($points), ' dated events, ', $first, '–', $last)"/>
        </figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

  <xsl:template name="timeline-ticks">
    <xsl:param name="year"/>
    <xsl:param name="last"/>
    <xsl:param name="step"/>
    <xsl:param name="first"/>
    <xsl:param name="scale"/>
    <xsl:param name="axis"/>
    <xsl:if test="$year &lt;= $last">
      <xsl:variable name="x" select="format-number($tl-left + ($year - $first) * $scale, '0.0')"/>
      <line class="tick" x1="{$x}" y1="{$axis}" x2="{$x}" y2="{$axis + 6}"/>
      <text class="tick-label" x="{$x}" y="{$axis + 20}" text-anchor="middle"><xsl:value-of select="$year"/></text>
      <xsl:call-template name="timeline-ticks">
        <xsl:with-param name="year" select="$year + $step"/>
        <xsl:with-param name="last" select="$last"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="first" select="$first"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="axis" select="$axis"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI in HTML: emphasis and highlighting, foreign words, editorial
  interventions (supplied, gap, choice, del/add) marked as such, breaks (page breaks as
  discreet markers), titles and links (only from @tp:href), metadata elements that are not
  reading text, and the generic fallback: every element without a rendering of its own
  becomes a div or span by TEI's layout class, marked data-tei-generic so the build can
  count it; its content is never lost.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <!-- ===== phrase level ===== -->

  <xsl:template match="tei:hi">
    <xsl:variable name="rend" select="concat(' ', normalize-space(translate(@rend | @rendition, '#', ' ')), ' ')"/>
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test="contains($rend, ' sup ') or contains($rend, ' superscript ')">sup</xsl:when>
        <xsl:when test="contains($rend, ' sub ') or contains($rend, ' subscript ')">sub</xsl:when>
        <xsl:when test="contains($rend, ' bold ') or contains($rend, ' b ')">strong</xsl:when>
        <xsl:when test="contains($rend, ' italic ') or contains($rend, ' i ') or $rend = '  '">em</xsl:when>
        <xsl:otherwise>span</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$tag}">
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:emph | tei:mentioned | tei:distinct">
    <em>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </em>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <i>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </i>
  </xsl:template>

  <xsl:template match="tei:soCalled | tei:gloss | tei:seg | tei:num | tei:measure | tei:w | tei:c
                       | tei:pc | tei:s | tei:phr | tei:cl | tei:unclear | tei:damage | tei:secl
                       | tei:label | tei:desc | tei:role | tei:time | tei:email | tei:roleName | tei:forename
                       | tei:surname | tei:addName | tei:genName | tei:nameLink | tei:affiliation">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:code">
    <code><xsl:call-template name="id-lang"/><xsl:apply-templates/></code>
  </xsl:template>

  <!-- Editorial interventions, shown as such. -->
  <xsl:template match="tei:supplied">
    <span title="supplied by the editor">
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"><xsl:with-param name="extra" select="'editorial'"/></xsl:call-template>
      <xsl:variable name="bracketed"
          select="starts-with(normalize-space(.), '[')
                  or substring(preceding-sibling::node()[1][self::text()],
                       string-length(preceding-sibling::node()[1][self::text()])) = '['"/>
      <xsl:if test="not($bracketed)"><span class="bracket" aria-hidden="true">[</span></xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="not($bracketed)"><span class="bracket" aria-hidden="true">]</span></xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="tei-gap editorial" title="{normalize-space(concat('omitted ', @reason))}">[…]</span>
  </xsl:template>

  <xsl:template match="tei:del">
    <del><xsl:call-template name="id-lang"/><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template match="tei:add">
    <ins><xsl:call-template name="id-lang"/><xsl:apply-templates/></ins>
  </xsl:template>

  <xsl:template match="tei:space">
    <span class="tei-space"><xsl:text> </xsl:text></span>
  </xsl:template>

  <!-- choice: the reading text shows the correction, regularisation or abbreviation, and
       the alternative in a tooltip. -->
  <xsl:template match="tei:choice[tei:sic and tei:corr]">
    <span class="tei-choice corr editorial" title="{concat('source reads: ', normalize-space(tei:sic))}">
      <xsl:apply-templates select="tei:corr/node()"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:choice[tei:orig and tei:reg]">
    <span class="tei-choice reg" title="{concat('original spelling: ', normalize-space(tei:orig))}">
      <xsl:apply-templates select="tei:reg/node()"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:choice[tei:abbr and tei:expan]">
    <abbr title="{normalize-space(tei:expan)}">
      <xsl:apply-templates select="tei:abbr/node()"/>
    </abbr>
  </xsl:template>

  <xsl:template match="tei:choice">
    <span class="tei-choice"><xsl:apply-templates select="*[1]/node()"/></span>
  </xsl:template>

  <xsl:template match="tei:abbr">
    <abbr>
      <xsl:call-template name="id-lang"/>
      <xsl:if test="@tp:label | ancestor::*[@tp:label][1]/@tp:label">
        <xsl:attribute name="title">
          <xsl:value-of select="(@tp:label | ancestor::*[@tp:label][1]/@tp:label)[1]"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </abbr>
  </xsl:template>

  <xsl:template match="tei:expan | tei:sic | tei:corr | tei:orig | tei:reg">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Breaks: a line break is a break; page and column breaks are discreet markers. -->
  <xsl:template match="tei:lb">
    <xsl:if test="not(@break = 'no')"><br/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:pb">
    <xsl:if test="$show-page-breaks = 'yes'">
      <xsl:variable name="label">
        <xsl:choose>
          <xsl:when test="normalize-space(@n) != ''"><xsl:value-of select="concat('page ', normalize-space(@n))"/></xsl:when>
          <xsl:otherwise>page break</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <span class="pb" role="note" aria-label="{$label}" title="{$label}">
        <xsl:choose>
          <xsl:when test="@tp:anchor"><xsl:attribute name="id"><xsl:value-of select="@tp:anchor"/></xsl:attribute></xsl:when>
          <xsl:when test="@n"><xsl:attribute name="id"><xsl:value-of select="concat('page-', translate(normalize-space(@n), ' ', '-'))"/></xsl:attribute></xsl:when>
        </xsl:choose>
        <xsl:if test="@break = 'no'"><xsl:attribute name="data-break">no</xsl:attribute></xsl:if>
        <xsl:value-of select="@n"/>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:gb">
    <span class="tei-{local-name()} milestone" aria-hidden="true">
      <xsl:call-template name="id-lang"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:anchor">
    <xsl:if test="@tp:anchor or @xml:id">
      <span class="tei-anchor"><xsl:call-template name="id-lang"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:title">
    <cite>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </cite>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="in-link">
      <xsl:call-template name="in-link"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@tp:href and $in-link = ''">
        <a href="{@tp:href}">
          <xsl:call-template name="id-lang"/>
          <xsl:call-template name="classes"/>
          <xsl:choose>
            <xsl:when test="self::tei:ptr or not(node())"><xsl:value-of select="(@target | @tp:href)[1]"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="id-lang"/>
          <xsl:call-template name="classes"/>
          <xsl:choose>
            <xsl:when test="self::tei:ptr or not(node())"><xsl:value-of select="@target"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
          </xsl:choose>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Non-empty when an ancestor renders as a link: HTML forbids a link inside a link. -->
  <xsl:template name="in-link">
    <xsl:if test="ancestor::*[@tp:href][not(self::tei:bibl or self::tei:biblStruct or self::tei:cit
                  or self::tei:msDesc or self::tei:msIdentifier or self::tei:figure or self::tei:graphic)]">yes</xsl:if>
  </xsl:template>

  <!-- Metadata elements that are not part of the reading text. -->
  <xsl:template match="tei:index | tei:interp | tei:interpGrp | tei:link | tei:linkGrp | tei:join
                       | tei:joinGrp | tei:alt | tei:altGrp | tei:timeline | tei:fs | tei:fLib
                       | tei:standOff | tei:span | tei:spanGrp | tei:certainty | tei:precision
                       | tei:respons | tei:fw"/>

  <!-- ===== generic fallback ===== -->

  <!-- Any element without a rendering of its own: a div or span by TEI's layout class,
       marked so that the build report can count it; its content is never lost. -->
  <xsl:template match="*" priority="-2">
    <xsl:variable name="layout">
      <xsl:call-template name="tei-layout"/>
    </xsl:variable>
    <xsl:element name="{substring('spandiv', 1 + 4 * number($layout = 'block'), 4 - number($layout = 'block'))}">
      <xsl:call-template name="id-lang"/>
      <xsl:attribute name="class">
        <xsl:value-of select="concat('tei-generic tei-', local-name())"/>
      </xsl:attribute>
      <xsl:attribute name="data-tei-generic"><xsl:value-of select="local-name()"/></xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()"/>

</xsl:stylesheet>

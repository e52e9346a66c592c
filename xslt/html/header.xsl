<?xml version="1.0" encoding="UTF-8"?>
<!--
  The metadata block at the top of a document page (title, authors or correspondents,
  date, place, source, archival location, translator, original language, summary), the
  list of notes elsewhere in the edition that cite this document, and the previous/next
  links. Where each value lives in the teiHeader is decided in common/header.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <xsl:template name="document-header">
    <xsl:param name="title"/>
    <header class="doc-header">
      <h1>
        <xsl:choose>
          <xsl:when test="$doc-title"><xsl:apply-templates select="$doc-title/node()"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$title"/></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$doc-subtitle">
          <span class="subtitle"><xsl:apply-templates select="$doc-subtitle/node()"/></span>
        </xsl:if>
      </h1>
      <dl class="doc-meta">
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'Author'"/>
          <xsl:with-param name="values" select="$doc-authors"/>
        </xsl:call-template>
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'From'"/>
          <xsl:with-param name="values" select="$senders"/>
        </xsl:call-template>
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'To'"/>
          <xsl:with-param name="values" select="$addressees"/>
        </xsl:call-template>
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'Date'"/>
          <xsl:with-param name="values" select="$doc-date"/>
        </xsl:call-template>
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'Place'"/>
          <xsl:with-param name="values" select="$doc-place"/>
        </xsl:call-template>
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'Source'"/>
          <xsl:with-param name="values" select="$doc-sources"/>
          <xsl:with-param name="separator" select="'; '"/>
        </xsl:call-template>
        <xsl:if test="$doc-manuscripts">
          <dt>Archival location</dt>
          <xsl:for-each select="$doc-manuscripts">
            <dd class="ms-location"><xsl:apply-templates select="." mode="ms-location"/></dd>
          </xsl:for-each>
        </xsl:if>
        <xsl:call-template name="meta-row">
          <xsl:with-param name="label" select="'Translator'"/>
          <xsl:with-param name="values" select="$doc-translators"/>
        </xsl:call-template>
        <xsl:choose>
          <xsl:when test="$doc-original-language">
            <xsl:call-template name="meta-row">
              <xsl:with-param name="label" select="'Original language'"/>
              <xsl:with-param name="values" select="$doc-original-language"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="meta-row">
              <xsl:with-param name="label" select="'Language'"/>
              <xsl:with-param name="values" select="$doc-languages"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </dl>
      <xsl:if test="$doc-summary">
        <section class="doc-summary" aria-label="Summary">
          <h2>Summary</h2>
          <xsl:choose>
            <xsl:when test="$doc-summary/tei:p"><xsl:apply-templates select="$doc-summary/node()"/></xsl:when>
            <xsl:otherwise><p><xsl:apply-templates select="$doc-summary/node()"/></p></xsl:otherwise>
          </xsl:choose>
        </section>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- One dt/dd pair; nothing when the header lacks the value. -->
  <xsl:template name="meta-row">
    <xsl:param name="label"/>
    <xsl:param name="values"/>
    <xsl:param name="separator" select="', '"/>
    <xsl:if test="$values">
      <dt><xsl:value-of select="$label"/></dt>
      <dd>
        <xsl:for-each select="$values">
          <xsl:variable name="p" select="position()"/>
          <xsl:variable name="v" select="normalize-space(.)"/>
          <!-- the same name given twice (titleStmt and source) is shown once -->
          <xsl:if test="not($values[position() &lt; $p][normalize-space(.) = $v])">
            <xsl:if test="$p &gt; 1">
              <xsl:call-template name="separator">
                <xsl:with-param name="after" select="$values[position() = $p - 1]"/>
                <xsl:with-param name="separator" select="$separator"/>
              </xsl:call-template>
            </xsl:if>
            <xsl:apply-templates select="." mode="meta-value"/>
          </xsl:if>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- A header value renders like text, except containers whose element itself would add
       structure (a language is its text or its @ident). -->
  <xsl:template match="*" mode="meta-value">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:author | tei:editor" mode="meta-value">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:language | tei:textLang" mode="meta-value">
    <xsl:choose>
      <xsl:when test="normalize-space(.) != ''"><xsl:apply-templates/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@ident | @mainLang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "AVPRF, f. 3, op. 64, d. 486, ll. 61-67": repository, identifiers, leaves. -->
  <xsl:template match="tei:msDesc" mode="ms-location">
    <xsl:variable name="id" select="tei:msIdentifier"/>
    <xsl:for-each select="$id/tei:country | $id/tei:settlement | $id/tei:institution | $id/tei:repository | $id/tei:collection">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:apply-templates select="."/>
    </xsl:for-each>
    <xsl:if test="$id/tei:idno">
      <xsl:if test="$id/*[not(self::tei:idno or self::tei:altIdentifier or self::tei:msName)]">, </xsl:if>
      <xsl:call-template name="archival-location">
        <xsl:with-param name="idnos" select="$id/tei:idno"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="tei:msContents/tei:msItem/tei:locus | tei:msContents/tei:locus">
      <xsl:text>, </xsl:text>
      <xsl:apply-templates/>
    </xsl:for-each>
  </xsl:template>

  <!-- "Cited in this edition": the notes of other documents citing this one. -->
  <xsl:template match="tp:context" mode="cited-by">
    <xsl:if test="tp:cited-by">
      <section class="cited-by" aria-labelledby="tp-cited-by">
        <h2 id="tp-cited-by">Cited in this edition</h2>
        <ul>
          <xsl:for-each select="tp:cited-by">
            <li>
              <a href="{@href}">
                <xsl:value-of select="@doc-title"/>
                <xsl:if test="normalize-space(@n) != ''"><xsl:value-of select="concat(', note ', @n)"/></xsl:if>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="link-title">
    <xsl:choose>
      <xsl:when test="normalize-space(@title) != ''"><xsl:value-of select="@title"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@href"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tp:context" mode="prev-next">
    <xsl:if test="tp:prev | tp:next">
      <nav class="doc-nav" aria-label="Documents">
        <xsl:for-each select="tp:prev">
          <a rel="prev" href="{@href}">
            <xsl:text>← </xsl:text>
            <xsl:call-template name="link-title"/>
          </a>
        </xsl:for-each>
        <xsl:for-each select="tp:next">
          <a rel="next" href="{@href}">
            <xsl:call-template name="link-title"/>
            <xsl:text> →</xsl:text>
          </a>
        </xsl:for-each>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>

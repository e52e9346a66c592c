<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet of the HTML output. The input is either an annotated TEI document
  (a document page) or the edition index XML (tp:edition), from which the `page` parameter
  selects index.html, a register's index or entry page, chronology.html or citations.html.

  An edition customises the rendering with its own stylesheet that starts with
    <xsl:import href="teipress:html/main.xsl"/>
  (teipress resolves the teipress: scheme to its own stylesheet folder) and then overrides
  templates or parameters; see xslt/README.md.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/util.xsl"/>
  <xsl:import href="../common/generic.xsl"/>
  <xsl:import href="../common/header.xsl"/>
  <xsl:import href="../common/names-dates.xsl"/>
  <xsl:import href="../common/notes.xsl"/>
  <xsl:import href="../common/citations.xsl"/>

  <xsl:include href="layout.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="phrase.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="citations.xsl"/>
  <xsl:include href="index.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="chronology.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- Relative URL from this page to the site root (see the `root` parameter). -->
  <xsl:variable name="base">
    <xsl:choose>
      <xsl:when test="$root != ''"><xsl:value-of select="$root"/></xsl:when>
      <xsl:when test="/*/tp:context/@root"><xsl:value-of select="/*/tp:context/@root"/></xsl:when>
      <xsl:when test="/tp:edition and ($page = 'persons' or $page = 'organisations' or $page = 'places')">../</xsl:when>
      <xsl:when test="/tp:edition/*/@index-href">../</xsl:when>
      <xsl:when test="/tp:edition"></xsl:when>
      <xsl:otherwise>../</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The edition's title for page headers (see the `edition-title` parameter). -->
  <xsl:variable name="site-title">
    <xsl:choose>
      <xsl:when test="$edition-title != ''"><xsl:value-of select="$edition-title"/></xsl:when>
      <xsl:when test="/tp:edition/@title"><xsl:value-of select="/tp:edition/@title"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($doc-title)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="tp:edition">
        <xsl:apply-templates select="tp:edition" mode="page"/>
      </xsl:when>
      <xsl:when test="tei:TEI | tei:teiCorpus">
        <xsl:apply-templates select="*" mode="document-page"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('teipress: cannot render a &lt;', local-name(*), '&gt; document; expected TEI or tp:edition')"/>
        </xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tp:edition" mode="page">
    <xsl:choose>
      <xsl:when test="$page = 'index' or $page = 'document'">
        <xsl:apply-templates select="." mode="index-page"/>
      </xsl:when>
      <xsl:when test="$page = 'chronology'">
        <xsl:apply-templates select="." mode="chronology-page"/>
      </xsl:when>
      <xsl:when test="$page = 'citations'">
        <xsl:apply-templates select="." mode="citations-page"/>
      </xsl:when>
      <xsl:when test="$page = 'persons' or $page = 'organisations' or $page = 'places'">
        <xsl:variable name="register" select="tp:register[@type = $page]"/>
        <xsl:if test="not($register)">
          <xsl:message terminate="yes">
            <xsl:value-of select="concat('teipress: the edition has no ', $page, ' register')"/>
          </xsl:message>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$entry-id = ''">
            <xsl:apply-templates select="$register" mode="register-index"/>
          </xsl:when>
          <xsl:when test="$register/tp:entry[@id = $entry-id]">
            <xsl:apply-templates select="$register/tp:entry[@id = $entry-id]" mode="register-entry"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:message terminate="yes">
              <xsl:value-of select="concat('teipress: no entry &quot;', $entry-id, '&quot; in the ', $page, ' register')"/>
            </xsl:message>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('teipress: unknown page &quot;', $page, '&quot;')"/>
        </xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

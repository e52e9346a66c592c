<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML5 skeleton of every page: lang, head (stylesheet, script, viewport), skip link,
  header with the site navigation, main, footer. Pages call "html-page" with their title and
  content; nothing here knows what a page shows.

  The content comes either as the `content` parameter (a result tree fragment, copied into
  main) or, when `content-node` is given, from applying templates to that node in the mode
  "page-content" (with the page's title as the `title` parameter). A large page is built
  straight into the output that way instead of being built once and copied once.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    extension-element-prefixes="str">

  <xsl:template name="html-page">
    <xsl:param name="title"/>
    <xsl:param name="content"/>
    <xsl:param name="content-node" select="/.."/>
    <xsl:param name="current" select="''"/>
    <xsl:param name="body-class" select="''"/>
    <xsl:param name="footer-extra"/>
    <xsl:param name="head-extra"/>
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teipress"/>
        <title>
          <xsl:value-of select="normalize-space($title)"/>
          <xsl:if test="normalize-space($site-title) != '' and normalize-space($site-title) != normalize-space($title)">
            <xsl:value-of select="concat(' — ', normalize-space($site-title))"/>
          </xsl:if>
        </title>
        <link rel="stylesheet" href="{$base}assets/teipress.css"/>
        <script src="{$base}assets/teipress.js" defer="defer"></script>
        <xsl:copy-of select="$head-extra"/>
      </head>
      <body class="tp-page {$body-class}">
        <a class="skip-link" href="#tp-main">Skip to content</a>
        <header class="site-header">
          <p class="site-title"><a href="{$base}index.html"><xsl:value-of select="$site-title"/></a></p>
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <xsl:for-each select="str:tokenize($nav, ' ')">
                <xsl:call-template name="nav-item">
                  <xsl:with-param name="section" select="string(.)"/>
                  <xsl:with-param name="current" select="$current"/>
                </xsl:call-template>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="tp-main" tabindex="-1">
          <xsl:choose>
            <xsl:when test="$content-node">
              <xsl:apply-templates select="$content-node" mode="page-content">
                <xsl:with-param name="title" select="$title"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise><xsl:copy-of select="$content"/></xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="site-footer">
          <xsl:copy-of select="$footer-extra"/>
          <p><xsl:value-of select="$footer-text"/></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="nav-item">
    <xsl:param name="section"/>
    <xsl:param name="current"/>
    <xsl:variable name="href">
      <xsl:choose>
        <xsl:when test="$section = 'index'">index.html</xsl:when>
        <xsl:when test="$section = 'chronology' or $section = 'citations'">
          <xsl:value-of select="concat($section, '.html')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="concat($section, '/index.html')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <li>
      <a href="{$base}{$href}">
        <xsl:if test="$section = $current">
          <xsl:attribute name="aria-current">page</xsl:attribute>
        </xsl:if>
        <xsl:call-template name="section-label">
          <xsl:with-param name="section" select="$section"/>
        </xsl:call-template>
      </a>
    </li>
  </xsl:template>

  <!-- The heading of a section of the site. -->
  <xsl:template name="section-label">
    <xsl:param name="section"/>
    <xsl:choose>
      <xsl:when test="$section = 'index'">Documents</xsl:when>
      <xsl:when test="$section = 'citations'">Citation index</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="capitalise">
          <xsl:with-param name="word" select="$section"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

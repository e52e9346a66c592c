<?xml version="1.0" encoding="UTF-8"?>
<!--
  The edition's start page (index.html) from the edition index XML: title, introduction,
  and the list of documents with date, author or correspondents, and summary.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <xsl:template match="tp:edition" mode="index-page">
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$site-title"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="body-class" select="'tp-index'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$site-title"/></h1>
        <xsl:apply-templates select="tp:introduction"/>
        <section aria-labelledby="tp-documents">
          <h2 id="tp-documents">Documents</h2>
          <ol class="document-list">
            <xsl:for-each select="tp:documents/tp:document">
              <li class="document-entry" id="doc-{@id}">
                <p class="document-title">
                  <a>
                    <xsl:attribute name="href">
                      <xsl:call-template name="site-href">
                        <xsl:with-param name="href" select="@href"/>
                        <xsl:with-param name="base" select="$base"/>
                      </xsl:call-template>
                    </xsl:attribute>
                    <xsl:value-of select="@title"/>
                  </a>
                </p>
                <p class="document-meta">
                  <xsl:if test="normalize-space(@date-display | @date) != ''">
                    <xsl:element name="{substring('spantime', 1 + 4 * number(normalize-space(@iso | @date) != '' and not(contains(@iso | @date, '/'))), 4)}">
        <xsl:attribute name="class">date</xsl:attribute>
                      <xsl:if test="@date and not(contains(@date, '/'))">
                        <xsl:attribute name="datetime"><xsl:value-of select="@date"/></xsl:attribute>
                      </xsl:if>
                      <xsl:choose>
                        <xsl:when test="normalize-space(@date-display) != ''"><xsl:value-of select="@date-display"/></xsl:when>
                        <xsl:otherwise><xsl:value-of select="@date"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:element>
                  </xsl:if>
                  <xsl:if test="normalize-space(@place) != ''">
                    <span class="place"><xsl:value-of select="concat(' · ', @place)"/></span>
                  </xsl:if>
                  <xsl:apply-templates select="tp:agent[@role = 'author']" mode="agent-line"/>
                  <xsl:apply-templates select="tp:agent[@role = 'sender']" mode="agent-line"/>
                  <xsl:apply-templates select="tp:agent[@role = 'addressee']" mode="agent-line"/>
                </p>
                <xsl:if test="normalize-space(tp:summary) != ''">
                  <p class="summary"><xsl:value-of select="normalize-space(tp:summary)"/></p>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "· by X", "· from X", "· to Y", with a link when the agent is in a register. -->
  <xsl:template match="tp:agent" mode="agent-line">
    <xsl:variable name="first" select="not(preceding-sibling::tp:agent[@role = current()/@role])"/>
    <xsl:choose>
      <xsl:when test="$first and @role = 'author'"><xsl:text> · by </xsl:text></xsl:when>
      <xsl:when test="$first and @role = 'sender'"><xsl:text> · from </xsl:text></xsl:when>
      <xsl:when test="$first and @role = 'addressee'"><xsl:text> · to </xsl:text></xsl:when>
      <xsl:otherwise><xsl:text>, </xsl:text></xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="name" select="normalize-space((@name | text())[1])"/>
    <xsl:choose>
      <xsl:when test="normalize-space(@href) != ''">
        <a class="name">
          <xsl:attribute name="href">
            <xsl:call-template name="site-href">
              <xsl:with-param name="href" select="@href"/>
              <xsl:with-param name="base" select="$base"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:value-of select="$name"/>
        </a>
      </xsl:when>
      <xsl:otherwise><span class="name"><xsl:value-of select="$name"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The introduction: TEI paragraphs render as in documents; bare text becomes one. -->
  <xsl:template match="tp:introduction">
    <section class="introduction" aria-label="Introduction">
      <xsl:choose>
        <xsl:when test="*"><xsl:apply-templates/></xsl:when>
        <xsl:when test="normalize-space(.) != ''"><p><xsl:value-of select="normalize-space(.)"/></p></xsl:when>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="tp:p">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <!-- ===== a large chronology or citation index, split into pages ===== -->

  <!-- The page listing the pages (tp:page: href, label, count) of a split index. -->
  <xsl:template match="tp:chronology | tp:citations" mode="index-overview">
    <xsl:param name="unit"/>
    <xsl:param name="lead"/>
    <p class="lead"><xsl:value-of select="$lead"/></p>
    <ul class="index-pages">
      <xsl:for-each select="tp:page">
        <li>
          <a>
            <xsl:attribute name="href">
              <xsl:call-template name="site-href">
                <xsl:with-param name="href" select="@href"/>
                <xsl:with-param name="base" select="$base"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:value-of select="@label"/>
          </a>
          <span class="counts">
            <xsl:value-of select="concat(' · ', @count, ' ', $unit)"/>
            <xsl:if test="@count != 1">s</xsl:if>
          </span>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- Links from one page of a split index to the pages around it and to their list. -->
  <xsl:template match="*" mode="index-pager">
    <xsl:param name="all"/>
    <nav class="pager" aria-label="Pages of this index">
      <xsl:if test="normalize-space(@prev-href) != ''">
        <a rel="prev">
          <xsl:attribute name="href">
            <xsl:call-template name="site-href">
              <xsl:with-param name="href" select="@prev-href"/>
              <xsl:with-param name="base" select="$base"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:value-of select="concat('← ', @prev-label)"/>
        </a>
        <xsl:text> · </xsl:text>
      </xsl:if>
      <a>
        <xsl:attribute name="href">
          <xsl:call-template name="site-href">
            <xsl:with-param name="href" select="@index-href"/>
            <xsl:with-param name="base" select="$base"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:value-of select="$all"/>
      </a>
      <xsl:if test="normalize-space(@next-href) != ''">
        <xsl:text> · </xsl:text>
        <a rel="next">
          <xsl:attribute name="href">
            <xsl:call-template name="site-href">
              <xsl:with-param name="href" select="@next-href"/>
              <xsl:with-param name="base" select="$base"/>
            </xsl:call-template>
          </xsl:attribute>
          <xsl:value-of select="concat(@next-label, ' →')"/>
        </a>
      </xsl:if>
    </nav>
  </xsl:template>

</xsl:stylesheet>

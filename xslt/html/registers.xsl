<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register pages from the edition index XML: persons/index.html (and organisations/,
  places/) listing every entry, and one page per entry with names and variants, dates,
  description, authority links, and every mention across the edition as a
  keyword-in-context line linking to the exact place in the document.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tp="https://teipress.org/ns"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="tp str">

  <xsl:template match="tp:register" mode="register-index">
    <xsl:variable name="heading">
      <xsl:call-template name="section-label"><xsl:with-param name="section" select="@type"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$heading"/>
      <xsl:with-param name="current" select="string(@type)"/>
      <xsl:with-param name="body-class" select="concat('tp-register tp-', @type)"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$heading"/></h1>
        <xsl:choose>
          <xsl:when test="tp:entry">
            <ul class="register-list">
              <xsl:for-each select="tp:entry">
                <!-- @sort when given; persons by surname (the part before a comma, else the
                     last word), everything else by name -->
                <xsl:sort select="translate(concat(@sort,
                    substring-before(@name[not(../@sort)][../../@type = 'persons'], ','),
                    str:tokenize(@name[not(../@sort)][../../@type = 'persons'][not(contains(., ','))], ' ')[last()]),
                    $sort-from, $sort-to)"/>
                <xsl:sort select="translate(@name, $sort-from, $sort-to)"/>
                <xsl:sort select="@id"/>
                <li id="{@id}">
                  <a href="{@id}.html"><xsl:value-of select="@name"/></a>
                  <xsl:if test="normalize-space(tp:dates) != ''">
                    <span class="dates"><xsl:value-of select="concat(' (', normalize-space(tp:dates), ')')"/></span>
                  </xsl:if>
                  <xsl:if test="normalize-space(tp:description) != ''">
                    <span class="description"><xsl:value-of select="concat(' — ', normalize-space(tp:description))"/></span>
                  </xsl:if>
                  <!-- @mentions: the count, given when the mentions themselves are left out -->
                  <xsl:variable name="mentions">
                    <xsl:choose>
                      <xsl:when test="@mentions"><xsl:value-of select="@mentions"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="count(tp:mention)"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:variable>
                  <span class="mention-count">
                    <xsl:value-of select="concat(' · ', $mentions, ' mention')"/>
                    <xsl:if test="$mentions != 1">s</xsl:if>
                  </span>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:when>
          <xsl:otherwise><p>This register is empty.</p></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tp:entry" mode="register-entry">
    <xsl:variable name="section">
      <xsl:call-template name="section-label"><xsl:with-param name="section" select="../@type"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="@name"/>
      <xsl:with-param name="current" select="string(../@type)"/>
      <xsl:with-param name="body-class" select="concat('tp-entry tp-', ../@type)"/>
      <xsl:with-param name="content">
        <nav class="breadcrumb" aria-label="Breadcrumb">
          <a href="index.html"><xsl:value-of select="$section"/></a>
        </nav>
        <article class="register-entry" id="{@id}">
          <h1><xsl:value-of select="@name"/></h1>
          <dl class="entry-meta">
            <xsl:call-template name="variant-row">
              <xsl:with-param name="label" select="'Abbreviation'"/>
              <xsl:with-param name="names" select="tp:variant[@type = 'abbr']"/>
            </xsl:call-template>
            <xsl:call-template name="variant-row">
              <xsl:with-param name="label" select="'Also written'"/>
              <xsl:with-param name="names" select="tp:variant[not(@type = 'abbr' or @type = 'former')]"/>
            </xsl:call-template>
            <xsl:call-template name="variant-row">
              <xsl:with-param name="label" select="'Former names'"/>
              <xsl:with-param name="names" select="tp:variant[@type = 'former']"/>
            </xsl:call-template>
            <xsl:if test="normalize-space(tp:dates) != ''">
              <dt>Dates</dt>
              <dd><xsl:value-of select="normalize-space(tp:dates)"/></dd>
            </xsl:if>
            <xsl:if test="normalize-space(tp:description) != ''">
              <dt>Description</dt>
              <dd><xsl:value-of select="normalize-space(tp:description)"/></dd>
            </xsl:if>
            <xsl:if test="tp:authority[starts-with(@href, 'https://') or starts-with(@href, 'http://')]">
              <dt>Authority files</dt>
              <dd>
                <xsl:for-each select="tp:authority[starts-with(@href, 'https://') or starts-with(@href, 'http://')]">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <a class="authority" href="{@href}" rel="external">
                    <xsl:call-template name="capitalise"><xsl:with-param name="word" select="@type"/></xsl:call-template>
                    <xsl:if test="normalize-space(.) != ''"><xsl:value-of select="concat(' ', normalize-space(.))"/></xsl:if>
                  </a>
                </xsl:for-each>
              </dd>
            </xsl:if>
          </dl>
          <section class="mentions" aria-labelledby="tp-mentions">
            <h2 id="tp-mentions">
              <xsl:value-of select="concat('Mentions (', count(tp:mention), ')')"/>
            </h2>
            <xsl:choose>
              <xsl:when test="tp:mention">
                <xsl:call-template name="mentions-by-document"/>
              </xsl:when>
              <xsl:otherwise><p>Not mentioned in the edition's texts.</p></xsl:otherwise>
            </xsl:choose>
          </section>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="variant-row">
    <xsl:param name="label"/>
    <xsl:param name="names"/>
    <xsl:if test="$names">
      <dt><xsl:value-of select="$label"/></dt>
      <dd>
        <xsl:for-each select="$names">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- Mentions grouped by document (documents in the order the index XML gives them).
       Grouped with a key (Muenchian): comparing each mention with all its preceding
       siblings was quadratic, minutes for an entry mentioned tens of thousands of times. -->
  <xsl:key name="mention-by-document" match="tp:mention"
           use="concat(../../@type, '|', ../@id, '|', @document)"/>

  <xsl:template name="mentions-by-document">
    <xsl:variable name="entry" select="."/>
    <xsl:variable name="prefix" select="concat(../@type, '|', @id, '|')"/>
    <xsl:for-each select="tp:mention[generate-id() = generate-id(key('mention-by-document', concat($prefix, @document))[1])]">
      <xsl:variable name="doc" select="@document"/>
      <h3 class="mention-document"><xsl:value-of select="@doc-title"/></h3>
      <ol class="kwic">
        <xsl:for-each select="key('mention-by-document', concat($prefix, $doc))">
          <li>
            <a class="kwic-line">
              <xsl:attribute name="href">
                <xsl:call-template name="site-href">
                  <xsl:with-param name="href" select="@href"/>
                  <xsl:with-param name="base" select="$base"/>
                </xsl:call-template>
              </xsl:attribute>
              <span class="kwic-before"><xsl:value-of select="@before"/></span>
              <mark class="kwic-match"><xsl:value-of select="@match"/></mark>
              <span class="kwic-after"><xsl:value-of select="@after"/></span>
            </a>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citations, in notes and on the citation index page (citations.html).

  In a note, a bibl keeps the source's words; it is anchored (tp:anchor), and followed by
  a small link to its entry in the citation index (@tp:href) and, when the edition holds the
  cited document, a link to that document's page (@tp:edition-href). "Ibid." and "op. cit."
  carry the resolved source as a tooltip (@tp:resolved-label).

  The index page lists archival sources by archive, then fond, then the remaining levels
  (opis/perechen, delo/dokument...), and published sources by work; every source lists the
  notes that cite it, linked to the exact note.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <!-- ===== citations in the text ===== -->

  <xsl:template match="tei:bibl | tei:biblStruct">
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"><xsl:with-param name="extra" select="'bibl'"/></xsl:call-template>
      <xsl:if test="@tp:source">
        <xsl:attribute name="data-source"><xsl:value-of select="@tp:source"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@tp:resolved-label">
        <xsl:attribute name="title"><xsl:value-of select="concat('= ', @tp:resolved-label)"/></xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="self::tei:biblStruct"><xsl:call-template name="bibl-struct"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:if test="$in-link = '' and (@tp:href or @tp:edition-href)">
      <span class="cite-links">
        <xsl:if test="@tp:edition-href">
          <xsl:text> </xsl:text>
          <a class="edition-link" href="{@tp:edition-href}">read in this edition</a>
        </xsl:if>
        <xsl:if test="@tp:href">
          <xsl:text> </xsl:text>
          <a class="cite-index" href="{@tp:href}">
            <xsl:if test="normalize-space(@tp:resolved-label | @tp:label) != ''">
              <xsl:attribute name="title">
                <xsl:value-of select="concat('Citation index: ', (@tp:resolved-label | @tp:label)[1])"/>
              </xsl:attribute>
            </xsl:if>
            <xsl:text>index</xsl:text>
          </a>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- In a bibliographic reference the role label (resp) is data; the words say it. -->
  <xsl:template match="tei:bibl//tei:resp | tei:biblStruct//tei:resp"/>

  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <ul>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:for-each select="tei:bibl | tei:biblStruct | tei:listBibl">
        <li><xsl:apply-templates select="."/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="tei:idno | tei:citedRange | tei:biblScope | tei:author | tei:editor
                       | tei:publisher | tei:pubPlace | tei:edition | tei:series | tei:imprint
                       | tei:extent | tei:respStmt | tei:resp | tei:locus | tei:msIdentifier">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ===== the citation index page (input: tp:edition/tp:citations) ===== -->

  <xsl:key name="source-by-fond" match="tp:archive/tp:source"
      use="concat(../@id, '|', tp:part[@type = 'fond']/@value)"/>
  <!-- Archive anchors must not repeat a source's id: looked up by key, since searching the
       whole index once per archive made the page quadratic in the number of citations. -->
  <xsl:key name="source-by-id" match="tp:citations/tp:archive/tp:source | tp:citations/tp:work"
      use="@id"/>

  <xsl:template match="tp:edition" mode="citations-page">
    <xsl:variable name="title">
      <xsl:text>Citation index</xsl:text>
      <xsl:if test="tp:citations/@index-href">
        <xsl:value-of select="concat(': ', tp:citations/@label)"/>
      </xsl:if>
    </xsl:variable>
    <xsl:call-template name="html-page">
      <xsl:with-param name="title" select="$title"/>
      <xsl:with-param name="current" select="'citations'"/>
      <xsl:with-param name="body-class" select="'tp-citations'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$title"/></h1>
        <xsl:choose>
          <xsl:when test="tp:citations/tp:page">
            <xsl:apply-templates select="tp:citations" mode="index-overview">
              <xsl:with-param name="unit" select="'citation'"/>
              <xsl:with-param name="lead">Every source cited in the edition's notes, with the notes that cite it: one page per archive, and one for the published sources.</xsl:with-param>
            </xsl:apply-templates>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="tp:citations[@index-href]" mode="index-pager">
              <xsl:with-param name="all" select="'All archives and works'"/>
            </xsl:apply-templates>
            <xsl:call-template name="citation-sections"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The archives and works of tp:citations: the whole index, or one page of a split one. -->
  <xsl:template name="citation-sections">
    <xsl:if test="not(tp:citations/@index-href)">
      <p class="lead">Every source cited in the edition's notes, with the notes that cite it.</p>
    </xsl:if>
    <xsl:variable name="archives" select="tp:citations/tp:archive"/>
    <xsl:variable name="works" select="tp:citations/tp:work"/>
    <xsl:if test="$archives and $works">
      <nav class="toc" aria-label="Citation index">
        <ul>
          <li><a href="#archival-sources">Archival sources</a></li>
          <li><a href="#published-sources">Published sources</a></li>
        </ul>
      </nav>
    </xsl:if>
    <xsl:if test="$archives">
      <section class="citation-group" aria-labelledby="archival-sources">
        <h2 id="archival-sources">Archival sources</h2>
        <ul class="archive-toc">
          <xsl:for-each select="$archives">
            <xsl:sort select="translate(@label, $sort-from, $sort-to)"/>
            <li>
              <xsl:choose>
                <xsl:when test="not(key('source-by-id', @id))">
                  <a href="#{@id}"><xsl:value-of select="@label"/></a>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
              </xsl:choose>
              <xsl:call-template name="citation-counts"/>
            </li>
          </xsl:for-each>
        </ul>
        <xsl:apply-templates select="$archives" mode="citations-page">
          <xsl:sort select="translate(@label, $sort-from, $sort-to)"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
    <xsl:if test="$works">
      <section class="citation-group" aria-labelledby="published-sources">
        <h2 id="published-sources">Published sources</h2>
        <xsl:apply-templates select="$works" mode="citations-page">
          <xsl:sort select="translate(@label, $sort-from, $sort-to)"/>
        </xsl:apply-templates>
      </section>
    </xsl:if>
    <xsl:if test="not($archives or $works)">
      <p>The edition's notes cite no sources.</p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tp:archive" mode="citations-page">
    <section class="archive">
      <!-- The archive's anchor, unless a source already uses that id (ids stay unique). -->
      <xsl:if test="not(key('source-by-id', @id))">
        <xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute>
      </xsl:if>
      <xsl:attribute name="data-archive"><xsl:value-of select="@id"/></xsl:attribute>
      <h3>
        <xsl:value-of select="@label"/>
        <xsl:if test="normalize-space(@name) != '' and @name != @label">
          <span class="archive-name"><xsl:value-of select="concat(' — ', @name)"/></span>
        </xsl:if>
      </h3>
      <xsl:if test="tp:former | tp:variant">
        <p class="former-names">
          <xsl:text>Also cited as: </xsl:text>
          <xsl:for-each select="tp:former | tp:variant">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <!-- One group per fond, in numeric order; sources without a fond come last. -->
      <xsl:for-each select="tp:source[count(. | key('source-by-fond', concat(../@id, '|', tp:part[@type = 'fond']/@value))[1]) = 1]">
        <xsl:sort select="number(not(tp:part[@type = 'fond']))" data-type="number"/>
        <xsl:sort select="tp:part[@type = 'fond']/@value" data-type="number"/>
        <xsl:sort select="tp:part[@type = 'fond']/@value"/>
        <xsl:variable name="fond" select="string(tp:part[@type = 'fond']/@value)"/>
        <xsl:variable name="group" select="key('source-by-fond', concat(../@id, '|', $fond))"/>
        <section class="fond">
          <xsl:if test="$fond != ''">
            <xsl:attribute name="id"><xsl:value-of select="concat(../@id, '-fond-', translate($fond, ' ', '-'))"/></xsl:attribute>
            <xsl:attribute name="data-fond"><xsl:value-of select="$fond"/></xsl:attribute>
          </xsl:if>
          <h4>
            <xsl:choose>
              <xsl:when test="$fond != ''"><xsl:value-of select="concat('Fond ', $fond)"/></xsl:when>
              <xsl:otherwise>Other locations</xsl:otherwise>
            </xsl:choose>
          </h4>
          <xsl:apply-templates select="$group" mode="citations-page">
            <xsl:sort select="(tp:part[@type = 'opis'] | tp:part[@type = 'perechen'])[1]/@value" data-type="number"/>
            <xsl:sort select="(tp:part[@type = 'delo'] | tp:part[@type = 'dokument'])[1]/@value" data-type="number"/>
            <xsl:sort select="translate(@label, $sort-from, $sort-to)"/>
          </xsl:apply-templates>
        </section>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- " · 3 sources, 7 citations" -->
  <xsl:template name="citation-counts">
    <xsl:variable name="sources" select="count(tp:source)"/>
    <xsl:variable name="cites" select="count(.//tp:citation)"/>
    <span class="counts">
      <xsl:value-of select="concat(' · ', $sources, ' source')"/>
      <xsl:if test="$sources != 1">s</xsl:if>
      <xsl:value-of select="concat(', ', $cites, ' citation')"/>
      <xsl:if test="$cites != 1">s</xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tp:source | tp:work" mode="citations-page">
    <xsl:variable name="heading" select="substring('h5h4', 1 + 2 * number(boolean(self::tp:work)), 2)"/>
    <article class="source" id="{@id}">
      <xsl:element name="{$heading}">
        <xsl:attribute name="class">source-label</xsl:attribute>
        <xsl:value-of select="@label"/>
      </xsl:element>
      <xsl:if test="normalize-space(@edition-href) != ''">
        <p class="in-edition">
          <a class="edition-link">
            <xsl:attribute name="href">
              <xsl:call-template name="site-href">
                <xsl:with-param name="href" select="@edition-href"/>
                <xsl:with-param name="base" select="$base"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:variable name="title" select="key('document-by-id', @edition-document)/@title"/>
            <xsl:choose>
              <xsl:when test="normalize-space(@edition-title) != ''">
                <xsl:value-of select="concat('In this edition: ', @edition-title)"/>
              </xsl:when>
              <xsl:when test="$title"><xsl:value-of select="concat('In this edition: ', $title)"/></xsl:when>
              <xsl:otherwise>Read this document in the edition</xsl:otherwise>
            </xsl:choose>
          </a>
        </p>
      </xsl:if>
      <ol class="citing-notes">
        <xsl:apply-templates select="tp:citation" mode="citations-page"/>
      </ol>
    </article>
  </xsl:template>

  <xsl:template match="tp:citation" mode="citations-page">
    <li class="citation">
      <a>
        <xsl:attribute name="href">
          <xsl:call-template name="site-href">
            <xsl:with-param name="href" select="@href"/>
            <xsl:with-param name="base" select="$base"/>
          </xsl:call-template>
        </xsl:attribute>
        <xsl:value-of select="@doc-title"/>
        <xsl:if test="normalize-space(@n) != ''">
          <xsl:value-of select="concat(', note ', @n)"/>
        </xsl:if>
      </a>
      <xsl:if test="normalize-space(@cited-range) != ''">
        <span class="cited-range"><xsl:value-of select="concat(': ', @cited-range)"/></span>
      </xsl:if>
      <xsl:if test="normalize-space(@text) != ''">
        <span class="citation-text"><xsl:value-of select="@text"/></span>
      </xsl:if>
    </li>
  </xsl:template>

</xsl:stylesheet>

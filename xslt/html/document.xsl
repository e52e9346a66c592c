<?xml version="1.0" encoding="UTF-8"?>
<!--
  A document page: the page frame (metadata header, text, footnotes, "cited by") and the
  rendering of TEI's text structure: divisions, headings, paragraphs, verse, drama, lists,
  tables, figures, letters' openers and closers. Phrase-level elements and the generic
  fallback are in phrase.xsl; names, dates, notes and citations have their own modules.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <!-- ===== page frame ===== -->

  <xsl:template match="tei:TEI | tei:teiCorpus" mode="document-page">
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$doc-title"><xsl:value-of select="normalize-space($doc-title)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(tp:context/@title)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="footer-extra"><xsl:call-template name="document-footer-links"/></xsl:variable>
    <xsl:variable name="head-extra"><xsl:call-template name="document-alternates"/></xsl:variable>
    <xsl:choose>
      <!-- teipress's own html-page renders the article straight into main -->
      <xsl:when test="$tp-content-by-node = 'yes'">
        <xsl:call-template name="html-page">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="body-class" select="'tp-document'"/>
          <xsl:with-param name="content-node" select="."/>
          <xsl:with-param name="footer-extra" select="$footer-extra"/>
          <xsl:with-param name="head-extra" select="$head-extra"/>
        </xsl:call-template>
      </xsl:when>
      <!-- an edition's own html-page gets the article as `content`, as it always did -->
      <xsl:otherwise>
        <xsl:call-template name="html-page">
          <xsl:with-param name="title" select="$title"/>
          <xsl:with-param name="body-class" select="'tp-document'"/>
          <xsl:with-param name="content">
            <xsl:apply-templates select="." mode="page-content">
              <xsl:with-param name="title" select="$title"/>
            </xsl:apply-templates>
          </xsl:with-param>
          <xsl:with-param name="footer-extra" select="$footer-extra"/>
          <xsl:with-param name="head-extra" select="$head-extra"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The page's main content, rendered by html-page into its main element. -->
  <xsl:template match="tei:TEI | tei:teiCorpus" mode="page-content">
    <xsl:param name="title"/>
    <article class="document">
      <xsl:if test="$doc-lang">
        <xsl:attribute name="lang"><xsl:value-of select="$doc-lang"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@xml:id">
        <xsl:attribute name="data-doc"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="document-header">
        <xsl:with-param name="title" select="$title"/>
      </xsl:call-template>
      <div class="doc-text">
        <xsl:apply-templates select="tei:text | tei:TEI"/>
      </div>
      <xsl:call-template name="footnotes"/>
      <xsl:apply-templates select="tp:context" mode="cited-by"/>
      <xsl:apply-templates select="tp:context" mode="prev-next"/>
    </article>
  </xsl:template>

  <!-- The plain text of this page: the text-href parameter, else text/<doc>.txt. -->
  <xsl:variable name="plain-text-href">
    <xsl:choose>
      <xsl:when test="$text-href != ''"><xsl:value-of select="$text-href"/></xsl:when>
      <xsl:when test="/*/tp:context/@doc">
        <xsl:value-of select="concat($base, 'text/', /*/tp:context/@doc, '.txt')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:variable>

  <!-- The same document as plain text and as TEI, for programs reading the page. -->
  <xsl:template name="document-alternates">
    <xsl:if test="$plain-text-href != ''">
      <link rel="alternate" type="text/plain" href="{$plain-text-href}"/>
    </xsl:if>
    <xsl:if test="$source-href != ''">
      <link rel="alternate" type="application/tei+xml" href="{$source-href}"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="document-footer-links">
    <xsl:variable name="text" select="$plain-text-href"/>
    <xsl:if test="$text != '' or $source-href != ''">
      <p class="doc-formats">
        <xsl:if test="$text != ''"><a href="{$text}">Plain text</a></xsl:if>
        <xsl:if test="$text != '' and $source-href != ''"> · </xsl:if>
        <xsl:if test="$source-href != ''"><a href="{$source-href}">TEI source</a></xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- A corpus member inside a teiCorpus page: its own title and text. -->
  <xsl:template match="tei:TEI">
    <section class="corpus-member">
      <xsl:call-template name="id-lang"/>
      <h2><xsl:value-of select="normalize-space((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])"/></h2>
      <xsl:apply-templates select="tei:text"/>
    </section>
  </xsl:template>

  <xsl:template match="tp:context | tei:teiHeader"/>

  <!-- ===== attributes every rendered element may carry ===== -->

  <!-- id from tp:anchor (else the xml:id of a structural element) and lang from xml:lang. -->
  <xsl:template name="id-lang">
    <xsl:choose>
      <xsl:when test="@tp:anchor">
        <xsl:attribute name="id"><xsl:value-of select="@tp:anchor"/></xsl:attribute>
      </xsl:when>
      <xsl:when test="@xml:id and not(self::tei:note)">
        <xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- class="tei-NAME extra rend-…" -->
  <xsl:template name="classes">
    <xsl:param name="extra" select="''"/>
    <xsl:attribute name="class">
      <xsl:value-of select="normalize-space(concat('tei-', local-name(), ' ', $extra))"/>
      <xsl:if test="@type">
        <xsl:text> type-</xsl:text>
        <xsl:call-template name="class-token"><xsl:with-param name="value" select="@type"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="@level">
        <xsl:text> level-</xsl:text>
        <xsl:call-template name="class-token"><xsl:with-param name="value" select="@level"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="@rend">
        <xsl:text> rend-</xsl:text>
        <xsl:call-template name="class-token"><xsl:with-param name="value" select="@rend"/></xsl:call-template>
      </xsl:if>
    </xsl:attribute>
  </xsl:template>

  <!-- ===== structure ===== -->

  <xsl:template match="tei:text | tei:group | tei:floatingText">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:front | tei:body | tei:back">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"><xsl:with-param name="extra" select="'div'"/></xsl:call-template>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- A division's heading: h2 for a top-level division, one level deeper per nesting. -->
  <xsl:template match="tei:head">
    <xsl:variable name="depth"
        select="count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2 | ancestor::tei:div3
                | ancestor::tei:div4 | ancestor::tei:div5 | ancestor::tei:div6 | ancestor::tei:div7)"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth + 1 &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth + 1"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$level}">
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg/tei:head | tei:list/tei:head | tei:figure/tei:head | tei:sp/tei:head
                       | tei:castList/tei:head | tei:listBibl/tei:head | tei:note//tei:head">
    <p>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"><xsl:with-param name="extra" select="'head'"/></xsl:call-template>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A paragraph is an HTML p unless it holds block content (a list, a table, verse,
       a quotation of paragraphs, an unknown block element...), which HTML does not allow
       inside p: then it is a div.para. -->
  <xsl:template match="tei:p">
    <xsl:variable name="blocks"><xsl:call-template name="holds-blocks"/></xsl:variable>
    <xsl:element name="{substring('pdiv', 1 + number($blocks = 'yes'), 1 + 2 * number($blocks = 'yes'))}">
      <xsl:call-template name="id-lang"/>
      <xsl:choose>
        <xsl:when test="$blocks = 'yes'">
          <xsl:call-template name="classes"><xsl:with-param name="extra" select="'para'"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="@rend or @type"><xsl:call-template name="classes"/></xsl:when>
      </xsl:choose>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:ab">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"><xsl:with-param name="extra" select="'para'"/></xsl:call-template>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- "yes" when the element holds, outside footnotes, something rendered as a block:
       what TEI calls block level, except the few this module renders inline in running text. -->
  <xsl:template name="holds-blocks">
    <!-- a paragraph's or a note's blocks are among $tp-nested-blocks: when there are none (the
         usual case) there is nothing to look for -->
    <xsl:if test="string($tp-nested-blocks) != '' or not(self::tei:p or self::tei:note)">
      <!-- descendants inside a footnote of their own do not count -->
      <xsl:variable name="depth" select="count(ancestor-or-self::tei:note)"/>
      <xsl:if test="descendant::*[(contains($tei-block-names, concat(' ', local-name(), ' '))
                          and not(self::tei:stage or self::tei:dateline or self::tei:signed
                                  or self::tei:salute or self::tei:docAuthor or self::tei:docDate
                                  or self::tei:address))
                         or self::tei:quote[tei:p] or self::tei:cit[tei:quote/tei:p]]
                    [count(ancestor::tei:note) = $depth]">yes</xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Non-empty when some element holds-blocks looks for sits inside a paragraph or a note
       of the document: found in one walk instead of once per paragraph and footnote. While
       tei-block-names is the default list the walk looks names up by template match. -->
  <xsl:variable name="tp-nested-blocks">
    <xsl:choose>
      <xsl:when test="$tp-block-names-default">
        <xsl:apply-templates select="/tei:TEI | /tei:teiCorpus" mode="tp-nested-blocks"/>
      </xsl:when>
      <xsl:when test="/*[self::tei:TEI or self::tei:teiCorpus]/descendant::*
                [(contains($tei-block-names, concat(' ', local-name(), ' '))
                  and not(self::tei:stage or self::tei:dateline or self::tei:signed
                          or self::tei:salute or self::tei:docAuthor or self::tei:docDate
                          or self::tei:address))
                 or self::tei:quote[tei:p] or self::tei:cit[tei:quote/tei:p]]
                [ancestor::tei:p or ancestor::tei:note]">yes</xsl:when>
    </xsl:choose>
  </xsl:variable>

  <!-- outside paragraphs and notes: walk on -->
  <xsl:template match="*" mode="tp-nested-blocks">
    <xsl:apply-templates select="*" mode="tp-nested-blocks"/>
  </xsl:template>
  <xsl:template match="tei:p | tei:note" mode="tp-nested-blocks">
    <xsl:apply-templates select="*" mode="tp-nested-blocks-inside"/>
  </xsl:template>
  <!-- inside a paragraph or note: a block by name (but those rendered inline there) or a
       quotation of paragraphs -->
  <xsl:template match="*" mode="tp-nested-blocks-inside">
    <xsl:apply-templates select="." mode="tp-block-name"/>
    <xsl:apply-templates select="*" mode="tp-nested-blocks-inside"/>
  </xsl:template>
  <xsl:template match="tei:stage | tei:dateline | tei:signed | tei:salute | tei:docAuthor
                       | tei:docDate | tei:address" mode="tp-nested-blocks-inside">
    <xsl:apply-templates select="*" mode="tp-nested-blocks-inside"/>
  </xsl:template>
  <xsl:template match="tei:quote[tei:p] | tei:cit[tei:quote/tei:p]" mode="tp-nested-blocks-inside">
    <xsl:text>yes</xsl:text>
    <xsl:apply-templates select="*" mode="tp-nested-blocks-inside"/>
  </xsl:template>

  <!-- Letters and front matter: opener, closer, salutation, signature, dateline, addresses. -->
  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:argument | tei:epigraph
                       | tei:trailer | tei:byline | tei:dateline | tei:salute | tei:signed
                       | tei:docAuthor | tei:docDate | tei:docImprint | tei:docEdition
                       | tei:titlePage | tei:docTitle | tei:titlePart | tei:address | tei:imprimatur">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Inside running text these are phrases, not blocks. -->
  <xsl:template match="tei:byline//tei:docAuthor | tei:byline//tei:docDate | tei:p//tei:docAuthor
                       | tei:p//tei:dateline | tei:p//tei:address | tei:p//tei:signed | tei:p//tei:salute
                       | tei:l//tei:address | tei:note//tei:address | tei:note//tei:dateline">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:addrLine">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </span>
    <xsl:if test="following-sibling::tei:addrLine"><br/></xsl:if>
  </xsl:template>

  <!-- Verse and drama. -->
  <xsl:template match="tei:lg | tei:sp | tei:spGrp | tei:castList | tei:castGroup | tei:set">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:l">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker | tei:stage[not(ancestor::tei:p or ancestor::tei:l)]">
    <p>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="tei:stage | tei:castItem/tei:role | tei:roleDesc">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:castItem">
    <div>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Lists and tables. -->
  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:variable name="ordered"
        select="@type = 'ordered' or @type = 'numbered' or contains(@rend, 'numbered')"/>
    <xsl:choose>
      <xsl:when test="tei:label">
        <dl>
          <xsl:call-template name="id-lang"/>
          <xsl:call-template name="classes"/>
          <xsl:for-each select="tei:label">
            <dt><xsl:apply-templates/></dt>
            <dd><xsl:apply-templates select="following-sibling::tei:item[1]/node()"/></dd>
          </xsl:for-each>
        </dl>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{substring('ulol', 1 + 2 * number($ordered = true()), 2)}">
          <xsl:call-template name="id-lang"/>
          <xsl:call-template name="classes"/>
          <xsl:apply-templates select="node()[not(self::tei:head)]"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:item">
    <li>
      <xsl:call-template name="id-lang"/>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="tei:table">
    <div class="table-wrap">
      <table>
        <xsl:call-template name="id-lang"/>
        <xsl:call-template name="classes"/>
        <xsl:if test="tei:head">
          <caption><xsl:apply-templates select="tei:head/node()"/></caption>
        </xsl:if>
        <tbody><xsl:apply-templates select="tei:row"/></tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="tei:row">
    <tr><xsl:call-template name="id-lang"/><xsl:apply-templates select="tei:cell"/></tr>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:element name="{substring('tdth', 1 + 2 * number(@role = 'label' or ../@role = 'label'), 2)}">
      <xsl:call-template name="id-lang"/>
      <xsl:if test="@cols &gt; 1"><xsl:attribute name="colspan"><xsl:value-of select="number(@cols)"/></xsl:attribute></xsl:if>
      <xsl:if test="@rows &gt; 1"><xsl:attribute name="rowspan"><xsl:value-of select="number(@rows)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Quotations: a block when it holds paragraphs or verse or stands between them. -->
  <xsl:template match="tei:quote | tei:q | tei:said | tei:cit">
    <xsl:variable name="layout">
      <xsl:call-template name="tei-layout"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$layout = 'block' or parent::tei:div or parent::tei:body or parent::tei:cit[parent::tei:div or parent::tei:body]">
        <blockquote>
          <xsl:call-template name="id-lang"/>
          <xsl:call-template name="classes"/>
          <xsl:apply-templates/>
        </blockquote>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="id-lang"/>
          <xsl:call-template name="classes"/>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Figures: an image only from a checked tp:href; the description always. -->
  <xsl:template match="tei:figure">
    <figure>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"/>
      <xsl:apply-templates select="tei:graphic"/>
      <xsl:if test="tei:head | tei:p | tei:figDesc">
        <figcaption><xsl:apply-templates select="node()[not(self::tei:graphic)]"/></figcaption>
      </xsl:if>
    </figure>
  </xsl:template>

  <xsl:template match="tei:graphic">
    <xsl:choose>
      <xsl:when test="@tp:href">
        <img src="{@tp:href}" alt="{normalize-space(../tei:figDesc | tei:desc)}" loading="lazy"/>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-graphic missing">[image]</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:figDesc">
    <span class="tei-figDesc"><xsl:apply-templates/></span>
  </xsl:template>

</xsl:stylesheet>

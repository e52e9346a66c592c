<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet of the plain-text output: a title block from the header, the reading
  text, and the footnotes as numbered endnotes ("[1] ..."), referenced in the text as "[1]".

  The output is not yet laid out: paragraphs are separated by U+FDD0 and lines inside a
  block (verse, addresses) by U+FDD1, while newlines of the source count as spaces.
  teipress.xslt turns the marks into blank lines and line breaks, collapses spaces and
  wraps at 72 columns (unless the no-wrap option is given). An edition's own text stylesheet imports this one
  as teipress:text/main.xsl.
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

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- The layout marks (noncharacters, which no text uses). -->
  <xsl:variable name="par" select="'&#xFDD0;'"/>
  <xsl:variable name="br" select="'&#xFDD1;'"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="tei:TEI | tei:teiCorpus">
        <xsl:call-template name="title-block"/>
        <xsl:apply-templates select="*/tei:text | tei:teiCorpus/tei:TEI"/>
        <xsl:call-template name="endnotes"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('teipress: cannot render a &lt;', local-name(*), '&gt; document as text; expected TEI')"/>
        </xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== title block ===== -->

  <xsl:template name="title-block">
    <xsl:variable name="title" select="normalize-space($doc-title)"/>
    <xsl:value-of select="$title"/>
    <xsl:value-of select="$br"/>
    <xsl:call-template name="repeat">
      <xsl:with-param name="string" select="'='"/>
      <xsl:with-param name="count">
        <xsl:choose>
          <xsl:when test="string-length($title) &gt; 72">72</xsl:when>
          <xsl:otherwise><xsl:value-of select="string-length($title)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$doc-subtitle">
      <xsl:value-of select="$br"/>
      <xsl:apply-templates select="$doc-subtitle/node()"/>
    </xsl:if>
    <xsl:value-of select="$par"/>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'Author'"/>
      <xsl:with-param name="values" select="$doc-authors"/>
    </xsl:call-template>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'From'"/>
      <xsl:with-param name="values" select="$senders"/>
    </xsl:call-template>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'To'"/>
      <xsl:with-param name="values" select="$addressees"/>
    </xsl:call-template>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'Date'"/>
      <xsl:with-param name="values" select="$doc-date"/>
    </xsl:call-template>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'Place'"/>
      <xsl:with-param name="values" select="$doc-place"/>
    </xsl:call-template>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'Source'"/>
      <xsl:with-param name="values" select="$doc-sources"/>
      <xsl:with-param name="separator" select="'; '"/>
    </xsl:call-template>
    <xsl:for-each select="$doc-manuscripts">
      <xsl:text>Archival location: </xsl:text>
      <xsl:apply-templates select="." mode="ms-location"/>
      <xsl:value-of select="$br"/>
    </xsl:for-each>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'Translator'"/>
      <xsl:with-param name="values" select="$doc-translators"/>
    </xsl:call-template>
    <xsl:call-template name="meta-line">
      <xsl:with-param name="label" select="'Original language'"/>
      <xsl:with-param name="values" select="$doc-original-language"/>
    </xsl:call-template>
    <xsl:if test="$doc-summary">
      <xsl:value-of select="$par"/>
      <xsl:text>Summary: </xsl:text>
      <xsl:apply-templates select="$doc-summary/node()" mode="inline-blocks"/>
    </xsl:if>
    <xsl:value-of select="$par"/>
  </xsl:template>

  <xsl:template name="meta-line">
    <xsl:param name="label"/>
    <xsl:param name="values"/>
    <xsl:param name="separator" select="', '"/>
    <xsl:if test="$values">
      <xsl:value-of select="concat($label, ': ')"/>
      <xsl:for-each select="$values">
        <xsl:variable name="p" select="position()"/>
        <xsl:variable name="v" select="normalize-space(.)"/>
        <xsl:if test="not($values[position() &lt; $p][normalize-space(.) = $v])">
        <xsl:if test="$p &gt; 1">
          <xsl:call-template name="separator">
            <xsl:with-param name="after" select="$values[position() = $p - 1]"/>
            <xsl:with-param name="separator" select="$separator"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="(self::tei:language or self::tei:textLang) and normalize-space(.) = ''">
            <xsl:value-of select="@ident | @mainLang"/>
          </xsl:when>
          <xsl:when test="self::tei:biblStruct"><xsl:call-template name="bibl-struct"/></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="node()" mode="inline-blocks"/></xsl:otherwise>
        </xsl:choose>
        </xsl:if>
      </xsl:for-each>
      <xsl:value-of select="$br"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:msDesc" mode="ms-location">
    <xsl:variable name="id" select="tei:msIdentifier"/>
    <xsl:for-each select="$id/tei:country | $id/tei:settlement | $id/tei:institution | $id/tei:repository | $id/tei:collection">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:apply-templates/>
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

  <!-- ===== text ===== -->

  <!-- Source newlines and tabs are spaces; the layout marks never come from the text. -->
  <xsl:template match="text()">
    <xsl:value-of select="translate(., '&#9;&#10;&#13;&#xFDD0;&#xFDD1;', '     ')"/>
  </xsl:template>

  <xsl:template match="tp:context | tei:teiHeader | comment() | processing-instruction()"/>

  <!-- A corpus member: its title, then its text. -->
  <xsl:template match="tei:TEI">
    <xsl:value-of select="$par"/>
    <xsl:value-of select="normalize-space((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])"/>
    <xsl:value-of select="$par"/>
    <xsl:apply-templates select="tei:text"/>
  </xsl:template>

  <!-- Blocks: separated by blank lines. -->
  <xsl:template match="tei:p | tei:ab | tei:head | tei:opener | tei:closer | tei:postscript
                       | tei:argument | tei:epigraph | tei:trailer | tei:byline | tei:docAuthor
                       | tei:docDate | tei:docImprint | tei:titlePart | tei:lg | tei:sp | tei:speaker
                       | tei:stage[not(ancestor::tei:p or ancestor::tei:l)] | tei:quote[tei:p | tei:lg]
                       | tei:castList | tei:table | tei:list | tei:listBibl | tei:figure">
    <xsl:value-of select="$par"/>
    <xsl:apply-templates/>
    <xsl:value-of select="$par"/>
  </xsl:template>

  <!-- Lines inside a block: one per line. -->
  <xsl:template match="tei:l | tei:addrLine | tei:opener/* | tei:closer/* | tei:castItem | tei:row">
    <xsl:value-of select="$br"/>
    <xsl:apply-templates/>
    <xsl:value-of select="$br"/>
  </xsl:template>

  <xsl:template match="tei:item | tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct">
    <xsl:value-of select="$br"/>
    <xsl:text>- </xsl:text>
    <xsl:apply-templates/>
    <xsl:value-of select="$br"/>
  </xsl:template>

  <xsl:template match="tei:label[parent::tei:list]">
    <xsl:value-of select="$br"/>
    <xsl:apply-templates/>
    <xsl:text>: </xsl:text>
  </xsl:template>
  <xsl:template match="tei:item[preceding-sibling::*[1][self::tei:label]]">
    <xsl:apply-templates/>
    <xsl:value-of select="$br"/>
  </xsl:template>

  <!-- Phrase-level uses of elements that are blocks elsewhere. -->
  <xsl:template match="tei:byline//tei:docAuthor | tei:byline//tei:docDate | tei:p//tei:docAuthor
                       | tei:p//tei:stage | tei:l//tei:stage | tei:p//tei:dateline | tei:p//tei:signed
                       | tei:p//tei:address | tei:note//tei:address">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:cell">
    <xsl:if test="preceding-sibling::tei:cell"><xsl:text> | </xsl:text></xsl:if>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:graphic">[image]</xsl:template>

  <xsl:template match="tei:biblStruct"><xsl:call-template name="bibl-struct"/></xsl:template>

  <!-- In a bibliographic reference the role label (resp) is data; the words say it. -->
  <xsl:template match="tei:bibl//tei:resp | tei:biblStruct//tei:resp"/>

  <xsl:template match="tei:lb">
    <xsl:if test="not(@break = 'no')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Not part of the reading text: page and column breaks, metadata elements. -->
  <xsl:template match="tei:pb | tei:cb | tei:gb | tei:milestone | tei:anchor | tei:index
                       | tei:interp | tei:interpGrp | tei:link | tei:linkGrp | tei:join | tei:joinGrp
                       | tei:alt | tei:altGrp | tei:timeline | tei:fs | tei:fLib | tei:standOff
                       | tei:span | tei:spanGrp | tei:certainty | tei:precision | tei:respons
                       | tei:fw | tei:del"/>

  <!-- Editorial: supplied text in brackets (unless the source has them), gaps as [...]. -->
  <xsl:template match="tei:supplied">
    <xsl:variable name="bracketed"
        select="starts-with(normalize-space(.), '[')
                or substring(preceding-sibling::node()[1][self::text()],
                     string-length(preceding-sibling::node()[1][self::text()])) = '['"/>
    <xsl:if test="not($bracketed)">[</xsl:if>
    <xsl:apply-templates/>
    <xsl:if test="not($bracketed)">]</xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap">[…]</xsl:template>

  <xsl:template match="tei:choice[tei:sic and tei:corr]"><xsl:apply-templates select="tei:corr/node()"/></xsl:template>
  <xsl:template match="tei:choice[tei:orig and tei:reg]"><xsl:apply-templates select="tei:reg/node()"/></xsl:template>
  <xsl:template match="tei:choice[tei:abbr and tei:expan]"><xsl:apply-templates select="tei:abbr/node()"/></xsl:template>
  <xsl:template match="tei:choice"><xsl:apply-templates select="*[1]/node()"/></xsl:template>

  <xsl:template match="tei:ptr">
    <xsl:value-of select="(@tp:href | @target)[1]"/>
  </xsl:template>

  <!-- A footnote in the text: its number in brackets. -->
  <xsl:template match="tei:note">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates select="." mode="note-number"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:note[@place = 'inline'] | tei:note//tei:note | tei:teiHeader//tei:note">
    <xsl:text>(</xsl:text><xsl:apply-templates mode="inline-blocks"/><xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Every other element: its text, with blank lines around block-level ones. -->
  <xsl:template match="*">
    <xsl:variable name="layout"><xsl:call-template name="tei-layout"/></xsl:variable>
    <xsl:if test="$layout = 'block'"><xsl:value-of select="$par"/></xsl:if>
    <xsl:apply-templates/>
    <xsl:if test="$layout = 'block'"><xsl:value-of select="$par"/></xsl:if>
  </xsl:template>

  <!-- ===== endnotes ===== -->

  <xsl:template name="endnotes">
    <xsl:if test="$footnotes">
      <xsl:value-of select="$par"/>
      <xsl:text>NOTES</xsl:text>
      <xsl:value-of select="$br"/>
      <xsl:text>-----</xsl:text>
      <xsl:for-each select="$footnotes">
        <xsl:value-of select="$par"/>
        <xsl:text>[</xsl:text>
        <xsl:apply-templates select="." mode="note-number"/>
        <xsl:text>] </xsl:text>
        <xsl:apply-templates mode="inline-blocks"/>
      </xsl:for-each>
      <xsl:value-of select="$par"/>
    </xsl:if>
  </xsl:template>

  <!-- Inside a note or a header value, blocks run on in one paragraph, separated by a space. -->
  <xsl:template match="*" mode="inline-blocks">
    <xsl:variable name="layout"><xsl:call-template name="tei-layout"/></xsl:variable>
    <xsl:if test="$layout = 'block' and preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="text()" mode="inline-blocks">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:p | tei:ab | tei:head | tei:list | tei:lg | tei:quote" mode="inline-blocks">
    <xsl:if test="preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="inline-blocks"/>
  </xsl:template>

</xsl:stylesheet>

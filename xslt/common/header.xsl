<?xml version="1.0" encoding="UTF-8"?>
<!--
  Where a document's metadata lives in its teiHeader, found once for every format:
  title, authors, correspondents, date, place, source, archival location, translator,
  original language, summary. Each variable is a node-set (empty when the header lacks it),
  so formats decide how to render it. Letters (correspDesc), articles and books
  (sourceDesc/bibl, biblStruct) and archival documents (msDesc) are all covered.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <xsl:variable name="header" select="/*/tei:teiHeader"/>
  <xsl:variable name="file-desc" select="$header/tei:fileDesc"/>
  <xsl:variable name="profile" select="$header/tei:profileDesc"/>
  <xsl:variable name="source-desc" select="$file-desc/tei:sourceDesc"/>

  <xsl:variable name="title-stmt-titles" select="$file-desc/tei:titleStmt/tei:title"/>
  <!-- The main title: title[@type='main'], else the first title that is not a subtitle. -->
  <xsl:variable name="doc-title"
      select="($title-stmt-titles[@type = 'main'] | $title-stmt-titles[not(@type = 'sub')][1])[1]"/>
  <xsl:variable name="doc-subtitle" select="$title-stmt-titles[@type = 'sub'][1]"/>

  <xsl:variable name="sent" select="$profile/tei:correspDesc/tei:correspAction[@type = 'sent']"/>
  <xsl:variable name="received"
      select="$profile/tei:correspDesc/tei:correspAction[@type = 'received']"/>
  <xsl:variable name="agent-names"
      select="' persName orgName name rs '"/>
  <xsl:variable name="senders"
      select="$sent/*[contains($agent-names, concat(' ', local-name(), ' '))]"/>
  <xsl:variable name="addressees"
      select="$received/*[contains($agent-names, concat(' ', local-name(), ' '))]"/>
  <!-- Authors: the titleStmt's, else those of the source's bibliographic description. -->
  <xsl:variable name="title-authors" select="$file-desc/tei:titleStmt/tei:author"/>
  <xsl:variable name="doc-authors"
      select="$title-authors
              | ($source-desc/tei:bibl[1]/tei:author
                | $source-desc/tei:biblStruct[1]/*/tei:author
                | $source-desc/tei:biblFull[1]/tei:titleStmt/tei:author)[not($title-authors)]"/>

  <!-- The document's own date: sent, else created, else its source's date. -->
  <xsl:variable name="doc-date"
      select="($sent/tei:date
              | $profile/tei:creation/tei:date[not($sent/tei:date)]
              | $source-desc/tei:bibl[1]/tei:date[not($sent/tei:date | $profile/tei:creation/tei:date)]
              | $source-desc/tei:biblStruct[1]//tei:imprint/tei:date[not($sent/tei:date | $profile/tei:creation/tei:date)])[1]"/>
  <xsl:variable name="doc-place"
      select="($sent/tei:placeName | $profile/tei:creation/tei:placeName)[1]"/>

  <!-- Published sources (bibl, biblStruct, biblFull) and archival ones (msDesc). -->
  <xsl:variable name="doc-sources"
      select="$source-desc/tei:bibl | $source-desc/tei:biblStruct | $source-desc/tei:listBibl/tei:bibl"/>
  <xsl:variable name="doc-manuscripts" select="$source-desc//tei:msDesc"/>

  <!-- Translators: a respStmt whose resp speaks of translation, or an editor/author with
       role="translator", in the titleStmt or the source description. -->
  <xsl:variable name="doc-translators"
      select="($file-desc/tei:titleStmt | $source-desc//tei:bibl | $source-desc//tei:monogr | $source-desc//tei:analytic)
              /tei:respStmt[contains(translate(tei:resp, 'TRANSLA', 'transla'), 'transl')]
                /*[not(self::tei:resp)]
              | $file-desc/tei:titleStmt/tei:editor[@role = 'translator']
              | $source-desc//tei:editor[@role = 'translator']"/>

  <!-- The original language: msItem/textLang, else a langUsage language marked as the
       original (@usage 'original' or @role), else none. -->
  <xsl:variable name="doc-original-language"
      select="($source-desc//tei:textLang
              | $profile/tei:langUsage/tei:language[@role = 'original' or @type = 'original'])[1]"/>
  <xsl:variable name="doc-languages" select="$profile/tei:langUsage/tei:language"/>

  <xsl:variable name="doc-summary"
      select="($profile/tei:abstract | $source-desc//tei:msContents/tei:summary
              | $source-desc//tei:note[@type = 'summary'])[1]"/>

  <!-- The document's language: the text's xml:lang, else the TEI root's. -->
  <xsl:variable name="doc-lang" select="(/*/tei:text/@xml:lang | /*/@xml:lang)[last()]"/>

</xsl:stylesheet>

<?xml version="1.0" encoding="UTF-8"?>
<!--
  What TEI says of an element's layout: block (chunk level and above: divisions, paragraphs,
  lists, verse lines, speeches, title pages...) or inline (phrase level). Used by the generic
  fallback of each output format for elements that have no rendering of their own; such
  elements are rendered, never dropped, and the HTML marks them with data-tei-generic so the
  build can count them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- Local names of TEI's block-level elements (model.divLike, model.pLike, model.lLike,
       model.lgLike, model.listLike, model.headLike, model.divTop, model.divBottom,
       model.frontPart, dictionary and drama chunks), padded with spaces for contains(). -->
  <xsl:variable name="tei-block-names" select="$tp-default-block-names"/>
  <xsl:variable name="tp-default-block-names" select="concat(' ',
    'ab argument back body byline camera caption castGroup castItem castList closer cell ',
    'dateline div div1 div2 div3 div4 div5 div6 div7 divGen docAuthor docDate docEdition ',
    'docImprint docTitle entry entryFree epigraph event figure floatingText form front group ',
    'head imprimatur item l lg list listApp listBibl listEvent listNym listObject listOrg ',
    'listPerson listPlace listRelation listWit move msDesc nym object opener org p person ',
    'place postscript performance prologue epilogue row salute sense set signed sp spGrp ',
    'speaker stage superEntry table text titlePage titlePart trailer u view ')"/>

  <!-- "block" when the element is block level by name or holds block-level children,
       else "inline". -->
  <xsl:template name="tei-layout">
    <xsl:param name="node" select="."/>
    <xsl:choose>
      <xsl:when test="$tp-block-names-default">
        <xsl:variable name="blocks">
          <xsl:apply-templates select="$node[1] | $node/*" mode="tp-block-name"/>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="string($blocks) != ''">block</xsl:when>
          <xsl:otherwise>inline</xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="contains($tei-block-names, concat(' ', local-name($node), ' '))">block</xsl:when>
      <xsl:when test="$node/*[contains($tei-block-names, concat(' ', local-name(), ' '))]">block</xsl:when>
      <xsl:otherwise>inline</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- true() while tei-block-names is the default list (an edition may set its own). -->
  <xsl:variable name="tp-block-names-default" select="$tei-block-names = $tp-default-block-names"/>

  <!-- "block" for an element whose local name is in tei-block-names: the default names as a
       match pattern, which libxslt looks up by name instead of searching a string for each
       element (tei-layout uses it while tei-block-names is the default list). -->
  <xsl:template match="tei:ab | tei:argument | tei:back | tei:body | tei:byline | tei:camera | tei:caption
                       | tei:castGroup | tei:castItem | tei:castList | tei:closer | tei:cell | tei:dateline
                       | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7
                       | tei:divGen | tei:docAuthor | tei:docDate | tei:docEdition | tei:docImprint
                       | tei:docTitle | tei:entry | tei:entryFree | tei:epigraph | tei:event | tei:figure
                       | tei:floatingText | tei:form | tei:front | tei:group | tei:head | tei:imprimatur
                       | tei:item | tei:l | tei:lg | tei:list | tei:listApp | tei:listBibl | tei:listEvent
                       | tei:listNym | tei:listObject | tei:listOrg | tei:listPerson | tei:listPlace
                       | tei:listRelation | tei:listWit | tei:move | tei:msDesc | tei:nym | tei:object
                       | tei:opener | tei:org | tei:p | tei:person | tei:place | tei:postscript
                       | tei:performance | tei:prologue | tei:epilogue | tei:row | tei:salute | tei:sense
                       | tei:set | tei:signed | tei:sp | tei:spGrp | tei:speaker | tei:stage | tei:superEntry
                       | tei:table | tei:text | tei:titlePage | tei:titlePart | tei:trailer | tei:u | tei:view"
      mode="tp-block-name">block</xsl:template>
  <xsl:template match="tei:*" mode="tp-block-name"/>
  <xsl:template match="/ | text() | comment()" mode="tp-block-name"/>
  <xsl:template match="* | @* | processing-instruction()" mode="tp-block-name">
    <xsl:if test="contains($tei-block-names, concat(' ', local-name(), ' '))">block</xsl:if>
  </xsl:template>

</xsl:stylesheet>

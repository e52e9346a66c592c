<?xml version="1.0" encoding="UTF-8"?>
<!--
  What TEI says of an element's layout: block (chunk level and above: divisions, paragraphs,
  lists, verse lines, speeches, title pages...) or inline (phrase level). Used by the generic
  fallback of each output format for elements that have no rendering of their own; such
  elements are rendered, never dropped, and the HTML marks them with data-tei-generic so the
  build can count them.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Local names of TEI's block-level elements (model.divLike, model.pLike, model.lLike,
       model.lgLike, model.listLike, model.headLike, model.divTop, model.divBottom,
       model.frontPart, dictionary and drama chunks), padded with spaces for contains(). -->
  <xsl:variable name="tei-block-names" select="concat(' ',
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
      <xsl:when test="contains($tei-block-names, concat(' ', local-name($node), ' '))">block</xsl:when>
      <xsl:when test="$node/*[contains($tei-block-names, concat(' ', local-name(), ' '))]">block</xsl:when>
      <xsl:otherwise>inline</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>

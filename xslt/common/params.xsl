<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every parameter of teipress's stylesheets, declared once.

  teipress.xslt passes them (string-quoted) from Python; an edition's own stylesheet may
  override any of them with its own xsl:param after importing the defaults. Both output
  formats import this file, so the text stylesheet accepts (and ignores) the HTML-only ones.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- Which page html/main.xsl produces: "document" (the input is an annotated TEI document),
       or, from the edition index XML (tp:edition): "index" (index.html), "persons",
       "organisations", "places" (the register's index page, or one entry's page when
       entry-id is set), "chronology" (chronology.html), "citations" (citations.html). -->
  <xsl:param name="page" select="'document'"/>

  <!-- The register entry to render (its tp:entry/@id) when page is a register type;
       empty for the register's index page. -->
  <xsl:param name="entry-id" select="''"/>

  <!-- Relative URL from the page being rendered to the site root, ending in "/" ("../" for
       documents/*.html and register pages). Empty means: work it out (tp:context/@root on a
       document, the page type on index pages). -->
  <xsl:param name="root" select="''"/>

  <!-- The edition's title, shown in every page's header and in the <title>. Empty means:
       tp:edition/@title on index pages, the document's own title on document pages. -->
  <xsl:param name="edition-title" select="''"/>

  <!-- Language of the interface text (html/@lang); a document's own xml:lang wins for its
       text. -->
  <xsl:param name="lang" select="'en'"/>

  <!-- The site's sections shown in the navigation bar, space-separated, in this order;
       the Python side leaves out registers the edition does not have. -->
  <xsl:param name="nav" select="'index persons organisations places chronology citations'"/>

  <!-- Link to the TEI source of the document page, relative to the page; empty: no link. -->
  <xsl:param name="source-href" select="''"/>

  <!-- Link to the plain text of the document page, relative to the page; empty: derived
       from tp:context/@doc as text/<doc>.txt when that is known. -->
  <xsl:param name="text-href" select="''"/>

  <!-- "yes" shows page breaks (tei:pb) as discreet markers; "no" hides them. -->
  <xsl:param name="show-page-breaks" select="'yes'"/>

  <!-- A line of text at the foot of every HTML page. -->
  <xsl:param name="footer-text" select="'Published with teipress.'"/>

  <!-- "yes": the document page hands its content to html-page as a node to render in
       mode page-content (no copy of the whole article); "no": as the `content` fragment.
       teipress passes "no" when an edition's stylesheet overrides html-page. -->
  <xsl:param name="tp-content-by-node" select="'yes'"/>

  <!-- "yes" while teipress renders a long document's page in windows of its text
       (teipress.page_windows): tp:window marks and the notes section's counts come out as
       comments that teipress cuts the pieces by; they never reach a written page. -->
  <xsl:param name="tp-windowed" select="'no'"/>

  <!-- Width in user units of the chronology's SVG timeline. -->
  <xsl:param name="timeline-width" select="'800'"/>

</xsl:stylesheet>

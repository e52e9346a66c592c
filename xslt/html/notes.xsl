<?xml version="1.0" encoding="UTF-8"?>
<!--
  Footnotes, linked both ways. In the text a note becomes a superscript link
  (role doc-noteref, id "ref-<anchor>") to the footnote (role doc-footnote, id <anchor>)
  in the notes section, whose number links back (role doc-backlink). The links work as plain
  links without JavaScript; teipress.js shows the footnote in place on hover or focus.
  Inline notes (@place="inline") stay in the text as bracketed asides.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tp="https://teipress.org/ns"
    exclude-result-prefixes="tei tp">

  <xsl:template match="tei:note">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="note-number"/></xsl:variable>
    <xsl:variable name="anchor"><xsl:apply-templates select="." mode="note-anchor"/></xsl:variable>
    <xsl:variable name="in-link"><xsl:call-template name="in-link"/></xsl:variable>
    <sup class="noteref">
      <xsl:choose>
        <xsl:when test="$in-link = ''">
          <a href="#{$anchor}" id="ref-{$anchor}" role="doc-noteref" data-note="{$anchor}"
             aria-label="{concat('Note ', $n)}">
            <xsl:value-of select="$n"/>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <span id="ref-{$anchor}"><xsl:value-of select="$n"/></span>
        </xsl:otherwise>
      </xsl:choose>
    </sup>
  </xsl:template>

  <!-- Inline notes and notes inside notes stay where they are. -->
  <xsl:template match="tei:note[@place = 'inline'] | tei:note//tei:note | tei:teiHeader//tei:note">
    <span>
      <xsl:call-template name="id-lang"/>
      <xsl:call-template name="classes"><xsl:with-param name="extra" select="'note-inline'"/></xsl:call-template>
      <xsl:text>(</xsl:text><xsl:apply-templates/><xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <!-- The notes section at the end of the document. -->
  <xsl:template name="footnotes">
    <xsl:choose>
      <!-- Rendered in windows: the section is always made, bracketed by comments, with
           the window marks among the notes (see teipress.page_windows). -->
      <xsl:when test="$tp-windowed = 'yes'">
        <xsl:comment>tp-notes <xsl:value-of select="count($footnotes)"/></xsl:comment>
        <xsl:call-template name="footnotes-section">
          <xsl:with-param name="notes" select="$footnotes | /descendant::tp:window"/>
        </xsl:call-template>
        <xsl:comment>tp-notes-end</xsl:comment>
      </xsl:when>
      <xsl:when test="$footnotes">
        <xsl:call-template name="footnotes-section">
          <xsl:with-param name="notes" select="$footnotes"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="footnotes-section">
    <xsl:param name="notes"/>
    <section class="footnotes" aria-labelledby="tp-notes-heading">
      <h2 id="tp-notes-heading">Notes</h2>
      <xsl:apply-templates select="$notes" mode="footnote"/>
    </section>
  </xsl:template>

  <!-- Where a window of a long document's text begins or ends (teipress.page_windows),
       in the text and among the notes. -->
  <xsl:template match="tp:window">
    <xsl:comment>tp-window <xsl:value-of select="@at"/></xsl:comment>
  </xsl:template>
  <xsl:template match="tp:window" mode="footnote">
    <xsl:comment>tp-window-notes <xsl:value-of select="@at"/></xsl:comment>
  </xsl:template>

  <xsl:template match="tei:note" mode="footnote">
    <xsl:variable name="n"><xsl:apply-templates select="." mode="note-number"/></xsl:variable>
    <xsl:variable name="anchor"><xsl:apply-templates select="." mode="note-anchor"/></xsl:variable>
    <aside id="{$anchor}" class="footnote" role="doc-footnote" data-n="{$n}">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
      </xsl:if>
      <a class="note-number" href="#ref-{$anchor}" role="doc-backlink"
         aria-label="{concat('Back to the reference of note ', $n)}">
        <xsl:value-of select="$n"/>
      </a>
      <div class="note-body">
        <xsl:variable name="blocks"><xsl:call-template name="holds-blocks"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$blocks = 'yes' and text()[normalize-space()]">
            <div class="para"><xsl:apply-templates/></div>
          </xsl:when>
          <xsl:when test="$blocks = 'yes'"><xsl:apply-templates/></xsl:when>
          <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
        </xsl:choose>
      </div>
    </aside>
  </xsl:template>

</xsl:stylesheet>

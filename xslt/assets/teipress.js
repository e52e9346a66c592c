/* teipress: footnotes in place, without leaving the page.
 *
 * Progressive enhancement: every note reference is an ordinary link to its footnote
 * (#note-N) and every footnote links back, so everything works without JavaScript.
 * With it, hovering or focusing a reference (role="doc-noteref") shows the footnote's
 * text in a popup beside it; Escape or moving away closes it. No libraries, no network.
 */
(function () {
  "use strict";

  var popup = null;
  var owner = null;
  var hideTimer = null;
  var POPUP_ID = "tp-note-popup";

  function footnoteOf(ref) {
    var href = ref.getAttribute("href") || "";
    if (href.charAt(0) !== "#") { return null; }
    return document.getElementById(decodeURIComponent(href.slice(1)));
  }

  function makePopup() {
    var box = document.createElement("div");
    box.id = POPUP_ID;
    box.className = "tp-popup";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("mouseenter", cancelHide);
    box.addEventListener("mouseleave", scheduleHide);
    document.body.appendChild(box);
    return box;
  }

  function fill(box, ref, note) {
    box.textContent = "";
    var number = document.createElement("span");
    number.className = "tp-popup-number";
    number.textContent = ref.textContent.trim();
    box.appendChild(number);
    var body = note.querySelector(".note-body") || note;
    var copy = body.cloneNode(true);
    // The copy must not repeat the ids of the footnote it shows.
    copy.removeAttribute("id");
    var withIds = copy.querySelectorAll("[id]");
    for (var i = 0; i < withIds.length; i += 1) { withIds[i].removeAttribute("id"); }
    while (copy.firstChild) { box.appendChild(copy.firstChild); }
  }

  function place(box, ref) {
    var rect = ref.getBoundingClientRect();
    var scrollX = window.pageXOffset || document.documentElement.scrollLeft;
    var scrollY = window.pageYOffset || document.documentElement.scrollTop;
    var viewport = document.documentElement.clientWidth;
    box.style.left = "0px";
    box.style.top = "0px";
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(rect.left + scrollX - 24, scrollX + viewport - width - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + scrollY + 6) + "px";
  }

  function show(ref) {
    var note = footnoteOf(ref);
    if (!note) { return; }
    cancelHide();
    if (!popup) { popup = makePopup(); }
    if (owner && owner !== ref) { owner.removeAttribute("aria-describedby"); }
    fill(popup, ref, note);
    popup.hidden = false;
    place(popup, ref);
    owner = ref;
    ref.setAttribute("aria-describedby", POPUP_ID);
  }

  function hide() {
    if (popup) { popup.hidden = true; }
    if (owner) { owner.removeAttribute("aria-describedby"); }
    owner = null;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = window.setTimeout(hide, 250);
  }

  function cancelHide() {
    if (hideTimer !== null) {
      window.clearTimeout(hideTimer);
      hideTimer = null;
    }
  }

  function init() {
    var refs = document.querySelectorAll('a[role="doc-noteref"]');
    for (var i = 0; i < refs.length; i += 1) {
      refs[i].addEventListener("mouseenter", function (event) { show(event.currentTarget); });
      refs[i].addEventListener("focus", function (event) { show(event.currentTarget); });
      refs[i].addEventListener("mouseleave", scheduleHide);
      refs[i].addEventListener("blur", scheduleHide);
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popup && !popup.hidden) { hide(); }
    });
    window.addEventListener("resize", function () {
      if (owner && popup && !popup.hidden) { place(popup, owner); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());

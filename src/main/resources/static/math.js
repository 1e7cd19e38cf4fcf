// Paperboy: formulas in titles and abstracts typeset by KaTeX (served from this site). The server
// marks each formula, delimiters included, as <span class="math">; without this script the TeX
// stays readable as it was written.
(function () {
  "use strict";
  var DELIMITERS = [["$$", "$$"], ["$", "$"], ["\\(", "\\)"], ["\\[", "\\]"]];

  function strip(tex) {
    for (var i = 0; i < DELIMITERS.length; i++) {
      var d = DELIMITERS[i];
      if (tex.length > d[0].length + d[1].length && tex.indexOf(d[0]) === 0
          && tex.lastIndexOf(d[1]) === tex.length - d[1].length) {
        return tex.substring(d[0].length, tex.length - d[1].length);
      }
    }
    return tex;
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.katex) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("span.math"), function (span) {
      var source = span.textContent;
      var tex = strip(source);
      try {
        // A formula KaTeX cannot read stays as it was written.
        window.katex.render(tex, span, { throwOnError: true, displayMode: false, output: "htmlAndMathml" });
        span.setAttribute("data-rendered", "true");
      } catch (e) {
        span.textContent = source;
        span.setAttribute("data-rendered", "false");
      }
    });
  });
})();

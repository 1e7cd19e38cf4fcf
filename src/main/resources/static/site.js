// Paperboy: progressive enhancement only; every action also works without this script.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Upvote forms: vote through the JSON API without leaving the page. Anything unexpected falls
  // back to the plain form post, which the server answers the same way.
  function enhanceUpvote(form) {
    form.addEventListener("submit", function (event) {
      var button = form.querySelector("button");
      var field = form.querySelector('input[name="upvote"]');
      var action = form.getAttribute("action") || "";
      if (!button || !field || action.indexOf("/papers/") !== 0 || !window.fetch) {
        return;
      }
      event.preventDefault();
      if (button.getAttribute("aria-busy") === "true") {
        return;
      }
      var upvote = field.value === "true";
      button.setAttribute("aria-busy", "true");
      fetch("/api" + action, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrfToken() },
        body: JSON.stringify({ upvote: upvote })
      }).then(function (response) {
        if (response.status === 401) {
          var next = form.querySelector('input[name="next"]');
          window.location.href = "/login?next=" + encodeURIComponent(next ? next.value : window.location.pathname);
          return null;
        }
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      }).then(function (result) {
        button.removeAttribute("aria-busy");
        if (!result) {
          return;
        }
        var count = button.querySelector(".count");
        if (count && typeof result.upvotes === "number") {
          count.textContent = String(result.upvotes);
        }
        var voted = result.upvoted === true;
        button.setAttribute("aria-pressed", voted ? "true" : "false");
        button.setAttribute("title", voted ? "Take back your upvote" : "Upvote this paper");
        field.value = voted ? "false" : "true";
      }).catch(function () {
        button.removeAttribute("aria-busy");
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  // Copy buttons (BibTeX): shown only when the script runs; the text stays selectable without it.
  function enhanceCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent).then(function () {
        button.textContent = "Copied";
        button.setAttribute("data-state", "done");
        setTimeout(function () {
          button.textContent = "Copy";
          button.removeAttribute("data-state");
        }, 2000);
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      });
    });
  }

  // Pages that show work in progress (the first run's fetch) reload themselves every few seconds.
  function refreshLater(element) {
    var seconds = parseInt(element.getAttribute("data-refresh"), 10);
    if (seconds > 0) {
      setTimeout(function () { window.location.reload(); }, seconds * 1000);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.upvote"), enhanceUpvote);
    Array.prototype.forEach.call(document.querySelectorAll("button.copy[data-copy]"), enhanceCopy);
    var refreshing = document.querySelector("[data-refresh]");
    if (refreshing) {
      refreshLater(refreshing);
    }
  });
})();

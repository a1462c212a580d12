// Render the atlas's diagrams with the vendored mermaid; nothing is loaded from elsewhere.
(function () {
  function render() {
    if (typeof mermaid === "undefined") { return; }
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    var blocks = document.querySelectorAll("div.jk-mermaid:not([data-rendered])");
    blocks.forEach(function (el, i) {
      var source = el.textContent;
      el.setAttribute("data-rendered", "1");
      mermaid.render("jk-mermaid-" + Date.now() + "-" + i, source).then(function (out) {
        el.innerHTML = out.svg;
      }).catch(function (err) {
        el.textContent = "Diagram kon niet getekend worden: " + err;
      });
    });
  }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(render); }
  else { document.addEventListener("DOMContentLoaded", render); }
})();

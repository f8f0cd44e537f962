/* The SPARQL editor page: YASGUI (vendored, see yasgui/LICENSE) on this server's
 * endpoint, with the project's prefixes and the saved queries as examples.
 * Nothing is fetched from elsewhere: the autocompleters that query remote vocabulary
 * services are turned off (only "prefixes", from a built-in list, and "variables" stay),
 * and the editor's state is not persisted (each visit starts from the configuration). */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var Yasqe = Yasgui.Yasqe;
  var local = ["prefixes", "variables"];
  Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter(function (n) {
    return local.indexOf(n) >= 0;
  });
  var endpoint = location.origin + config.endpoint;
  var prologue = Object.keys(config.prefixes).map(function (p) {
    return "PREFIX " + p + ": <" + config.prefixes[p] + ">";
  }).join("\n");
  var first = config.examples.length ? config.examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10";
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    persistenceId: null,
    yasqe: { value: first, autocompleters: local },
    yasr: { prefixes: config.prefixes },
  });
  function load(name) {
    var ex = config.examples.filter(function (e) { return e.name === name; })[0];
    if (!ex) return;
    var tab = yasgui.getTab();
    tab.setEndpoint(endpoint);
    tab.setQuery(ex.query);
  }
  document.querySelectorAll("button.example").forEach(function (b) {
    b.addEventListener("click", function () { load(b.getAttribute("data-name")); });
  });
  window.partygraphEditor = { yasgui: yasgui, load: load, prologue: prologue,
    run: function () { yasgui.getTab().query(); } };
  document.body.setAttribute("data-ready", "true");
})();

// Search suggestions for the header search box: an ARIA 1.2 combobox with a listbox popup.
// Progressive enhancement: without JavaScript the box is a plain GET form to /search/.
(function () {
  var input = document.querySelector("input[data-autocomplete-url]");
  if (!input || !window.fetch) return;
  var form = input.form;
  var list = document.createElement("ul");
  var listId = input.id + "-suggestions";
  var timer = null;
  var active = -1;
  var lastQuery = "";
  list.id = listId;
  list.className = "search-suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("data-autocomplete-label") || "");
  list.hidden = true;
  form.classList.add("site-search--suggest");
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function render(items) {
    list.textContent = "";
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      li.id = listId + "-" + index;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      link.href = item.url;
      link.tabIndex = -1;
      link.textContent = item.title;
      if (item.type) {
        var type = document.createElement("span");
        type.className = "search-suggest__type";
        type.textContent = item.type;
        link.appendChild(type);
      }
      li.appendChild(link);
      list.appendChild(li);
    });
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (!query) { render([]); return; }
    var url = input.getAttribute("data-autocomplete-url") + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { items: [] }; })
      .then(function (data) { if (input.value.trim() === query) render(data.items || []); })
      .catch(function () { render([]); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) return;
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Escape") { close(); }
    else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options()[active].querySelector("a").href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();

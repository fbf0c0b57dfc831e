// Autocomplete of ROME job titles on « Trouver ma certification » (progressive enhancement).
// Without JavaScript the form still works: the server lists the titles the typed letters name and the
// person picks one by a link. With it, the same titles come from the API as the person types, in an ARIA
// combobox (arrows to move, Enter to choose, Escape to close). A chosen title goes back as typed text,
// which the server recognises exactly (selectors.job_title_exact).
document.addEventListener("DOMContentLoaded", function () {
  var input = document.querySelector("input[data-suggestions]");
  if (!input || !window.fetch) {
    return;
  }
  var endpoint = input.getAttribute("data-suggestions");
  var list = document.createElement("ul");
  list.id = input.id + "-propositions";
  // Styled through the CSSOM (allowed by a Content-Security-Policy without inline styles), DSFR colours.
  list.className = "fr-raw-list fr-mt-1v";
  list.style.border = "1px solid var(--border-default-grey)";
  list.style.background = "var(--background-default-grey)";
  list.style.maxHeight = "16rem";
  list.style.overflowY = "auto";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Métiers proposés");
  list.hidden = true;
  input.parentNode.appendChild(list);
  var status = document.createElement("p");
  status.className = "fr-sr-only";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(status);

  input.removeAttribute("list"); // the server's datalist would pop up over ours
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  var active = -1;
  var timer = null;
  var asked = 0;

  function close() {
    list.hidden = true;
    list.textContent = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(option) {
    input.value = option.getAttribute("data-label");
    close();
    input.focus();
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) {
      return;
    }
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
      option.style.background = i === active ? "var(--background-action-low-blue-france)" : "";
    });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function show(results) {
    close();
    results.forEach(function (title, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-label", title.label);
      option.textContent = title.label + " (" + title.rome_code + ")";
      option.style.padding = "0.5rem 0.75rem";
      option.style.cursor = "pointer";
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        choose(option);
      });
      list.appendChild(option);
    });
    if (results.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    status.textContent = results.length
      ? results.length + " métier" + (results.length > 1 ? "s proposés" : " proposé") + ", flèches pour choisir"
      : "";
  }

  function ask() {
    var text = input.value.trim();
    var ticket = ++asked;
    if (text.length < 2) {
      close();
      return;
    }
    fetch(endpoint + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { results: [] };
      })
      .then(function (body) {
        if (ticket === asked) {
          show(body.results || []);
        }
      })
      .catch(close); // offline: the form still works without suggestions
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) {
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(list.querySelectorAll("[role=option]")[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
});

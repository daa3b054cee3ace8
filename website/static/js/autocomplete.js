/*
 * Search suggestions as you type: progressive enhancement of any search input with a
 * data-autocomplete attribute (the URL of /sok/forslag/). Without this script the input is a
 * plain search field in a GET form, and everything still works.
 *
 * The input becomes a WAI-ARIA 1.2 combobox with a listbox popup ("list autocomplete with
 * manual selection", https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): Down/Up move
 * through the suggestions (aria-activedescendant), Enter opens the highlighted example, Escape
 * closes the list, and a polite live region says how many suggestions there are.
 */
(function () {
    "use strict";

    var DELAY = 200;
    var MIN_LENGTH = 2;
    var counter = 0;

    function enhance(input) {
        counter += 1;
        var listId = "autocomplete-list-" + counter;
        var container = input.parentElement;
        var list = document.createElement("ul");
        var status = document.createElement("div");
        var items = [];
        var active = -1;
        var timer = null;
        var request = null;

        container.classList.add("autocomplete");
        list.id = listId;
        list.className = "autocomplete__list";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", "Förslag");
        list.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        status.setAttribute("aria-live", "polite");
        container.appendChild(list);
        container.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var options = list.children;
            for (var i = 0; i < options.length; i += 1) {
                options[i].setAttribute("aria-selected", i === index ? "true" : "false");
            }
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
                options[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(results) {
            items = results;
            list.textContent = "";
            results.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listId + "-" + index;
                option.className = "autocomplete__option";
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.textContent = item.title;
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the input
                });
                option.addEventListener("click", function () {
                    window.location.assign(item.url);
                });
                list.appendChild(option);
            });
            if (results.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = results.length === 1 ? "1 förslag. Använd pil ned för att välja." : results.length + " förslag. Använd pil ned för att välja.";
            } else {
                close();
                status.textContent = "";
            }
            active = -1;
        }

        function fetchSuggestions() {
            var value = input.value.trim();
            if (value.length < MIN_LENGTH) {
                render([]);
                return;
            }
            if (request) {
                request.abort();
            }
            request = new AbortController();
            var url = input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(value);
            fetch(url, { signal: request.signal, headers: { Accept: "application/json" } })
                .then(function (response) {
                    return response.ok ? response.json() : { results: [] };
                })
                .then(function (data) {
                    if (input.value.trim() === value && document.activeElement === input) {
                        render(data.results || []);
                    }
                })
                .catch(function () {
                    /* Suggestions are a convenience: on any failure the form still works. */
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden;
            if (event.key === "ArrowDown") {
                if (!open && items.length) {
                    list.hidden = false;
                    input.setAttribute("aria-expanded", "true");
                }
                if (items.length) {
                    event.preventDefault();
                    highlight((active + 1) % items.length);
                }
            } else if (event.key === "ArrowUp") {
                if (open && items.length) {
                    event.preventDefault();
                    highlight(active <= 0 ? items.length - 1 : active - 1);
                }
            } else if (event.key === "Enter") {
                if (open && active >= 0) {
                    event.preventDefault();
                    window.location.assign(items[active].url);
                }
            } else if (event.key === "Escape") {
                if (open) {
                    event.preventDefault();
                    close();
                }
            } else if (event.key === "Tab") {
                close();
            }
        });

        input.addEventListener("blur", function () {
            window.setTimeout(close, 150);
        });
    }

    function init() {
        var inputs = document.querySelectorAll("input[data-autocomplete]");
        for (var i = 0; i < inputs.length; i += 1) {
            enhance(inputs[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();

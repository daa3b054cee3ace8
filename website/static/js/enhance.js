/*
 * Small progressive enhancements; without this script every page works as plain HTML.
 *
 * - The main navigation folds behind a "Meny" button on phones (below 40em, the breakpoint in
 *   site.css). Without JavaScript the navigation is simply shown, so it can never be lost.
 * - The search filters (<details data-open-on-wide>) start open where there is room for them
 *   beside the results; on phones they stay folded behind "Filtrera (n valda)".
 * - Example pages get a "Kopiera länk" button (navigator.clipboard) with a polite live region
 *   that says "Länken är kopierad". Without the Clipboard API there is no button: the address
 *   bar does the same job.
 * - Printed pages write out each link's address (print.css): the site's own relative links get
 *   their absolute address in data-print-href, so paper shows where they lead.
 */
(function () {
    "use strict";

    var PHONE = window.matchMedia("(max-width: 40em)");
    var WIDE = window.matchMedia("(min-width: 52rem)");

    function menu() {
        var nav = document.getElementById("site-nav");
        var links = nav && nav.querySelector(".site-nav__inner");
        if (!links) {
            return;
        }
        links.id = links.id || "site-nav-links";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "site-nav__toggle";
        button.textContent = "Meny";
        button.setAttribute("aria-expanded", "false");
        button.setAttribute("aria-controls", links.id);
        // In the navigation bar itself, right before the links it opens: the next Tab after the
        // button reaches the first link, and the visual order is the reading order.
        var bar = document.createElement("div");
        bar.className = "wrapper site-nav__bar";
        bar.appendChild(button);
        nav.insertBefore(bar, links);
        nav.classList.add("site-nav--collapsible");

        function setOpen(open) {
            nav.classList.toggle("site-nav--open", open);
            button.setAttribute("aria-expanded", open ? "true" : "false");
        }
        button.addEventListener("click", function () {
            setOpen(button.getAttribute("aria-expanded") !== "true");
        });
        nav.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && PHONE.matches && nav.classList.contains("site-nav--open")) {
                setOpen(false);
                button.focus();
            }
        });
    }

    function filters() {
        if (!WIDE.matches) {
            return;
        }
        document.querySelectorAll("details[data-open-on-wide]").forEach(function (details) {
            details.open = true;
        });
    }

    function copyLink() {
        var header = document.querySelector(".template-example .example__header");
        if (!header || !navigator.clipboard || !window.isSecureContext) {
            return;
        }
        var canonical = document.querySelector('link[rel="canonical"]');
        var address = canonical ? canonical.href : window.location.href.split("#")[0];
        var wrapper = document.createElement("div");
        var button = document.createElement("button");
        var status = document.createElement("p");
        wrapper.className = "copy-link";
        button.type = "button";
        button.className = "button button--secondary";
        button.textContent = "Kopiera länk";
        status.className = "copy-link__status";
        status.setAttribute("role", "status");
        wrapper.appendChild(button);
        wrapper.appendChild(status);
        header.appendChild(wrapper);
        button.addEventListener("click", function () {
            status.textContent = "";
            navigator.clipboard.writeText(address).then(
                function () {
                    status.textContent = "Länken är kopierad";
                },
                function () {
                    status.textContent = "Länken kunde inte kopieras. Kopiera adressen i adressfältet.";
                }
            );
        });
    }

    function printAddresses() {
        document.querySelectorAll('main a[href^="/"]').forEach(function (link) {
            var address = link.href;
            try {
                address = decodeURI(address); // "tagg=strategiförhälsa", not "%C3%B6"
            } catch (error) {
                // a malformed escape: keep the encoded address
            }
            link.setAttribute("data-print-href", address);
        });
    }

    menu();
    filters();
    copyLink();
    printAddresses();
})();

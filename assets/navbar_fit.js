// The navbar shows its items in one row only when they fit; otherwise they fold behind the menu button
// (components.menu_button). What fits depends on the language and on the pages the user's role sees, so it
// is measured, not guessed from a breakpoint: the row is laid out unfolded (class "navbar-expand") and kept
// so only if nothing in it sticks out. Measured again when the window changes size and when the navbar's
// contents are drawn anew (every page).
(function () {
    const UNFOLDED = "navbar-expand";
    const ROW_ID = "shell-navbar";

    function fit() {
        const row = document.getElementById(ROW_ID);
        const navbar = row && row.closest(".navbar");
        if (!navbar) {
            return;
        }
        navbar.classList.add(UNFOLDED);
        const fits = row.scrollWidth <= row.clientWidth + 1;
        navbar.classList.toggle(UNFOLDED, fits);
    }

    let watched = null;
    function watch() {
        const row = document.getElementById(ROW_ID);
        if (!row || row === watched) {
            return;
        }
        watched = row;
        new MutationObserver(fit).observe(row, {childList: true, subtree: true, characterData: true});
        fit();
    }

    window.addEventListener("resize", fit);
    if (document.fonts && document.fonts.ready) {
        document.fonts.ready.then(fit);
    }
    // Dash draws the shell after this script runs: wait for the navbar's row to appear.
    new MutationObserver(watch).observe(document.documentElement, {childList: true, subtree: true});
    watch();
})();

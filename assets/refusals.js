// A refused action always shows a message, not only an error in the browser console:
// when the server answers a callback with 401 (logged out) or 403 (the role or programme
// does not allow it), the shell's banner (components.refusal_banner) says so in the page's language.
(function () {
    const original = window.fetch;
    if (!original) {
        return;
    }
    function tell(kind) {
        const banner = document.getElementById("shell-refused");
        if (!banner) {
            return;
        }
        const lang = document.documentElement.lang;
        banner.textContent =
            banner.getAttribute("data-" + kind + "-" + lang) || banner.getAttribute("data-" + kind + "-fi") || "";
        banner.classList.remove("d-none");
        banner.scrollIntoView({block: "nearest"});
    }
    window.fetch = function (resource, options) {
        return original.apply(this, arguments).then(function (response) {
            const url = typeof resource === "string" ? resource : (resource && resource.url) || "";
            if (url.indexOf("_dash-update-component") !== -1) {
                if (response.status === 403) {
                    tell("forbidden");
                } else if (response.status === 401) {
                    tell("login");
                }
            }
            return response;
        });
    };
})();

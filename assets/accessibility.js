// Accessibility fixes for Dash components that give no prop for them (WCAG 2.1 AA, issue 13).
(function () {
  // Dash 4's slider renders its handle (role="slider") and the number box beside it without a name:
  // an element with data-labelled-by="<id of a label>" names every handle and input inside it by
  // that label (the upload's file input too).
  function nameLabelledControls() {
    document.querySelectorAll("[data-labelled-by]").forEach(function (box) {
      var label = box.getAttribute("data-labelled-by");
      box.querySelectorAll('[role="slider"], input').forEach(function (control) {
        if (control.getAttribute("aria-labelledby") !== label) {
          control.setAttribute("aria-labelledby", label);
        }
      });
    });
  }

  // Dash 4's dropdown (dcc.Dropdown; the app's single choices are native <select>s) puts a focusable
  // input under aria-hidden in the tab order and names its button by the chosen value only. The button
  // itself becomes the tab stop, the hidden input leaves the tab order, and the <label for> is added to
  // the button's name.
  function fixDropdowns() {
    document.querySelectorAll("button.dash-dropdown[id]").forEach(function (button) {
      var target = button.previousElementSibling;
      if (target && target.classList.contains("dash-dropdown-focus-target") && target.tabIndex !== -1) {
        target.tabIndex = -1;
      }
      if (!button.disabled && button.tabIndex !== 0) {
        button.tabIndex = 0;
      }
      var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
      if (label) {
        if (!label.id) {
          label.id = button.id + "-label";
        }
        var named = button.getAttribute("aria-labelledby") || "";
        if (named.split(" ").indexOf(label.id) < 0) {
          button.setAttribute("aria-labelledby", (label.id + " " + named).trim());
        }
      }
    });
  }

  function fix() {
    nameLabelledControls();
    fixDropdowns();
  }

  new MutationObserver(fix).observe(document.documentElement, { childList: true, subtree: true });
  // the dropdown gives its hidden input the tab stop back whenever its button loses focus
  document.addEventListener("focusout", function () {
    window.setTimeout(fixDropdowns, 0);
  });
})();

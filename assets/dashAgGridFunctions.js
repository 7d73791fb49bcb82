// Functions the grids call by name ({"function": "neutraliseFormula(params)"}).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

// CSV export: a text cell that a spreadsheet would take for a formula (starting with
// = + - @ tab or carriage return) gets a leading apostrophe; numbers stay numbers.
dagfuncs.neutraliseFormula = function (params) {
  var value = params.value;
  if (typeof value === "string" && value.length > 0 && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
    return "'" + value;
  }
  return value;
};

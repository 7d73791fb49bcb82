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

// CSV export as Finnish Excel reads it (with columnSeparator ";"): a number with a decimal comma
// and no thousands separator, text made inert as above.
dagfuncs.csvCell = function (params) {
  var value = params.value;
  if (typeof value === "number" && isFinite(value)) {
    return String(value).replace(".", ",");
  }
  return dagfuncs.neutraliseFormula(params);
};

// Enter on a cell of the budget grid tells where its figure comes from, as a click does
// (the grid's eventData: {data: {rowId, colId}}): figure sources by keyboard, not by mouse only.
dagfuncs.sourceOnEnter = function (params, setEventData) {
  if (params.event && params.event.key === "Enter" && params.node && params.column) {
    setEventData({ rowId: params.node.id, colId: params.column.getColId() });
  }
};

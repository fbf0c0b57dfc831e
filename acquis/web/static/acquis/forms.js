// Move focus to the error summary after a failed submission, so keyboard and screen-reader users
// start from the list of errors (each links to its field) rather than from the top of the page.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("resume-erreurs");
  if (summary) {
    summary.focus();
  }
});

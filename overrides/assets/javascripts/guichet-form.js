/* Only on a form shown again with errors (or "session expired"): that page is the answer to
   a POST. Once the form is sent, Back from the confirmation would land on it and the browser
   would ask to send the form again ("Confirm form resubmission"). Replacing this history
   entry with the form's own address makes it a GET: Back shows the form, and asks nothing.
   Without JavaScript the browser still asks; sending again is harmless (the same answers
   that had errors come back with their errors; a sent form's key stores it once).
   The page keeps Cache-Control: no-store, so the answers never reach the disk cache. */
(function () {
  "use strict";
  if (window.history && window.history.replaceState) {
    window.history.replaceState(null, "", window.location.href);
  }
})();

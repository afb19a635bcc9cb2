// Draw every Plotly figure whose JSON the page carries in <script type="application/json">.
document.querySelectorAll("[data-figure]").forEach(function (holder) {
  var source = document.getElementById(holder.dataset.figure);
  if (!source || typeof Plotly === "undefined") { return; }
  var figure = JSON.parse(source.textContent);
  if (!figure) { return; }
  Plotly.newPlot(holder, figure.data, figure.layout, {displaylogo: false, responsive: true});
});

// Draws the dashboard's charts from the figures the page carries in json_script tags.
// Every chart repeats a table on the page, so without JavaScript nothing is lost.
(function () {
  "use strict";

  var COLOURS = ["#2e6db4", "#e07b39", "#3a9d5d", "#c23b5a", "#7a5cb8", "#8c6d46", "#1f9aa8", "#6b7280"];

  function draw(holder) {
    var source = document.getElementById(holder.getAttribute("data-dashboard-chart"));
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var figures = JSON.parse(source.textContent);
    var line = figures.type === "line";
    holder.hidden = false;
    new window.Chart(holder.querySelector("canvas"), {
      type: figures.type,
      data: {
        labels: figures.labels,
        datasets: figures.datasets.map(function (dataset, index) {
          var colour = COLOURS[index % COLOURS.length];
          return {
            label: dataset.label,
            data: dataset.data,
            backgroundColor: line ? colour : figures.datasets.length > 1 ? colour : COLOURS[0],
            borderColor: colour,
            fill: false,
            tension: 0.2,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: !line && figures.labels.length > 6 ? "y" : "x",
        plugins: {
          legend: { display: figures.datasets.length > 1 },
          title: { display: true, text: figures.title },
        },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } },
      },
    });
  }

  function start() {
    document.querySelectorAll("[data-dashboard-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

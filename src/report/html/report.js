// credence report: sorting and filtering the ranked table. Rows carry their values in
// data- attributes; nothing here reads article text.
(function () {
  'use strict';
  var table = document.getElementById('ranked');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filters = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var shown = document.getElementById('shown');

  function matches(row, key, value) {
    if (key === 'category') {
      return (row.dataset.categories || '').split(' ').indexOf(value) >= 0;
    }
    return row.dataset[key] === value;
  }

  function applyFilters() {
    var wanted = filters.filter(function (f) { return f.value !== ''; });
    var count = 0;
    rows.forEach(function (row) {
      var keep = wanted.every(function (f) { return matches(row, f.dataset.filter, f.value); });
      row.hidden = !keep;
      var doc = document.getElementById(row.dataset.target);
      if (doc) { doc.hidden = !keep; }
      if (keep) { count += 1; }
    });
    shown.textContent = count + ' of ' + rows.length + ' shown';
  }

  var sortedBy = 'rank';
  var direction = 1;
  function sortBy(button) {
    var key = button.dataset.sort;
    var numeric = button.dataset.type === 'num';
    direction = sortedBy === key ? -direction : (button.dataset.first === 'desc' ? -1 : 1);
    sortedBy = key;
    function value(row) {
      var v = row.dataset[key] || '';
      return numeric ? (v === '' ? NaN : parseFloat(v)) : v.toLowerCase();
    }
    var ordered = rows.slice().sort(function (a, b) {
      var x = value(a), y = value(b), c;
      if (numeric) {
        // Rows without a value go last either way.
        if (isNaN(x) || isNaN(y)) { c = isNaN(x) - isNaN(y); return c || a.dataset.rank - b.dataset.rank; }
        c = (x - y) * direction;
      } else {
        if (x === '' || y === '') { c = (x === '') - (y === ''); return c || a.dataset.rank - b.dataset.rank; }
        c = x.localeCompare(y) * direction;
      }
      return c || a.dataset.rank - b.dataset.rank;
    });
    ordered.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.removeAttribute('aria-sort');
    });
    button.parentElement.setAttribute('aria-sort', direction > 0 ? 'ascending' : 'descending');
  }

  filters.forEach(function (f) { f.addEventListener('change', applyFilters); });
  Array.prototype.forEach.call(table.querySelectorAll('th button[data-sort]'), function (b) {
    b.addEventListener('click', function () { sortBy(b); });
  });
  applyFilters();
})();

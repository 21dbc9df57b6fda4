/* Draws the report's charts from the JSON in #assay-data with ECharts (SVG renderer), then writes
 * a status into the page (body[data-assay-status] and #assay-status): how many charts there are,
 * how many drew something, which are blank and every script error. A browser test reads it. */
(function () {
  'use strict';
  var status = { charts: 0, rendered: 0, blank: [], errors: [] };
  window.addEventListener('error', function (e) { status.errors.push(String(e.message)); });

  var data = JSON.parse(document.getElementById('assay-data').textContent);
  var palette = ['#2f5fb3', '#d9822b', '#1a7f37', '#b42318', '#7b3fb5', '#0f8b8d', '#8a6d00', '#c2417f'];

  function bytes(v) {
    var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0;
    while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return (Math.round(v * 10) / 10) + ' ' + u[i];
  }
  function fixed(v, d) { return v == null || isNaN(v) ? '-' : Number(v).toFixed(d); }
  function base(title) {
    return {
      color: palette, animation: false,
      title: { text: title, left: 8, top: 4, textStyle: { fontSize: 14, fontWeight: 600 } },
      tooltip: { trigger: 'axis', confine: true },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 70, right: 60, top: 44, bottom: 56 }
    };
  }
  /* A custom series of vertical (or, with horizontal, horizontal) error bars: data [x, low, high]. */
  function errorBars(name, points, horizontal, color) {
    return {
      type: 'custom', name: name, silent: true, z: 10, legendHoverLink: false, tooltip: { show: false },
      itemStyle: { color: color || '#333' },
      renderItem: function (params, api) {
        var c = api.value(0), lo = api.value(1), hi = api.value(2);
        if (isNaN(lo) || isNaN(hi)) { return null; }
        var a = horizontal ? api.coord([lo, c]) : api.coord([c, lo]);
        var b = horizontal ? api.coord([hi, c]) : api.coord([c, hi]);
        var w = 5, st = api.style({ stroke: api.visual('color'), fill: null, lineWidth: 1.5 });
        var ch = horizontal
          ? [[a[0], a[1], b[0], b[1]], [a[0], a[1] - w, a[0], a[1] + w], [b[0], b[1] - w, b[0], b[1] + w]]
          : [[a[0], a[1], b[0], b[1]], [a[0] - w, a[1], a[0] + w, a[1]], [b[0] - w, b[1], b[0] + w, b[1]]];
        return { type: 'group', children: ch.map(function (l) {
          return { type: 'line', shape: { x1: l[0], y1: l[1], x2: l[2], y2: l[3] }, style: st };
        }) };
      },
      encode: horizontal ? { x: [1, 2], y: 0 } : { x: 0, y: [1, 2] },
      data: points
    };
  }

  var builders = {
    latency: function (c) {
      var o = base('Latency staircase: ns per dependent load against working set');
      var marks = [];
      (c.latency.caches || []).forEach(function (k) {
        marks.push({ xAxis: k.bytes, name: 'OS ' + k.label + ' ' + bytes(k.bytes),
          lineStyle: { type: 'dashed', color: '#8892a6' }, label: { formatter: k.label + ' ' + bytes(k.bytes), color: '#5b6475' } });
      });
      (c.latency.levels || []).forEach(function (l) {
        marks.push({ xAxis: l.bytes, name: 'detected ' + l.name,
          lineStyle: { type: 'solid', color: '#b42318', width: 1.5 },
          label: { formatter: 'level ' + l.name + ' (' + fixed(l.ns, 1) + ' ns)', color: '#b42318', position: 'insideEndTop' } });
      });
      o.xAxis = { type: 'log', logBase: 2, name: 'working set', nameLocation: 'middle', nameGap: 28,
        axisLabel: { formatter: bytes } };
      o.yAxis = { type: 'log', name: 'ns', logBase: 10 };
      o.series = c.latency.series.map(function (s, i) {
        var line = { type: 'line', name: s.name, data: s.points, showSymbol: true, symbolSize: 4 };
        if (i === 0) { line.markLine = { symbol: 'none', silent: true, data: marks }; }
        return line;
      });
      return o;
    },
    bandwidth: function (c) {
      var o = base('Bandwidth against threads (99.9% intervals)');
      o.xAxis = { type: 'value', name: 'threads', minInterval: 1, nameLocation: 'middle', nameGap: 28 };
      o.yAxis = { type: 'value', name: 'bandwidth' };
      o.series = [];
      c.bandwidth.series.forEach(function (s, i) {
        o.series.push({ type: 'line', name: s.name, data: s.points.map(function (p) { return [p[0], p[1]]; }), symbolSize: 6 });
        o.series.push(errorBars(s.name, s.points.map(function (p) { return [p[0], p[2], p[3]]; }), false, palette[i % palette.length]));
      });
      return o;
    },
    scaling: function (c) {
      var o = base('CPU scaling: speed-up over one thread (solid) and efficiency (dashed)');
      o.xAxis = { type: 'value', name: 'threads', minInterval: 1, min: 1, nameLocation: 'middle', nameGap: 28 };
      o.yAxis = [{ type: 'value', name: 'speed-up', min: 0 }, { type: 'value', name: 'efficiency %', min: 0, max: 120 }];
      o.series = [{ type: 'line', name: 'ideal', data: [[1, 1], [c.scaling.maxThreads, c.scaling.maxThreads]],
        lineStyle: { type: 'dotted', color: '#8892a6' }, itemStyle: { color: '#8892a6' }, showSymbol: false }];
      c.scaling.series.forEach(function (s, i) {
        var col = palette[i % palette.length];
        o.series.push({ type: 'line', name: s.name, data: s.points.map(function (p) { return [p[0], p[1]]; }),
          itemStyle: { color: col } });
        o.series.push({ type: 'line', name: s.name + ' efficiency', yAxisIndex: 1, itemStyle: { color: col },
          lineStyle: { type: 'dashed' }, data: s.points.map(function (p) { return [p[0], Math.round(p[2] * 1000) / 10]; }) });
      });
      return o;
    },
    percentiles: function (c) {
      var o = base('Latency percentiles of storage I/Os and network round trips (µs, log scale)');
      o.tooltip = { trigger: 'item', confine: true };
      o.xAxis = { type: 'category', name: 'percentile', nameLocation: 'middle', nameGap: 28,
        data: ['p50', 'p90', 'p99', 'p99.9', 'p99.99', 'max'] };
      o.yAxis = { type: 'log', logBase: 10, name: 'µs' };
      o.series = c.percentiles.series.map(function (s) {
        return { type: 'line', name: s.name, data: s.points, showSymbol: true, symbolSize: 6 };
      });
      return o;
    },
    storage: function (c) {
      var o = base('Storage: IOPS (left axis) and MB/s (right axis)');
      o.tooltip = { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' } };
      o.grid.bottom = 80;
      o.xAxis = { type: 'category', data: c.storage.names, axisLabel: { interval: 0, rotate: 15 } };
      o.yAxis = [{ type: 'value', name: 'IOPS' }, { type: 'value', name: 'MB/s' }];
      o.series = [{ type: 'bar', name: 'IOPS', data: c.storage.iops },
        { type: 'bar', name: 'MB/s (10^6 B/s)', yAxisIndex: 1, data: c.storage.mbps }];
      return o;
    },
    timeline: function (c, el) {
      var g = c.timeline.groups.filter(function (x) { return x.name === el.dataset.group; })[0];
      var o = base(g.name + ' over time (' + g.unit + '), workloads shaded');
      o.grid.bottom = 44;
      o.xAxis = { type: 'time' };
      o.yAxis = { type: 'value', name: g.unit, scale: true };
      var areas = c.timeline.workloads.map(function (w, i) {
        return [{ xAxis: w[0], name: w[2], itemStyle: { color: i % 2 ? 'rgba(47,95,179,0.10)' : 'rgba(217,130,43,0.12)' } },
          { xAxis: w[1] }];
      });
      o.series = g.series.map(function (s, i) {
        var line = { type: 'line', name: s.name, data: s.points, showSymbol: false, lineStyle: { width: 1.2 } };
        if (i === 0) { line.markArea = { silent: true, label: { show: false }, data: areas }; }
        return line;
      });
      return o;
    },
    comparison: function () {
      var c = data.comparison;
      return ratioChart('Ratio to ' + c.baseline + ' (95% interval; above 1 = faster for higher-is-better)', c,
        function (m, col) {
          if (col === c.baseline) { return { v: 1 }; }
          var v = m.versus[col];
          return v ? { v: v.ratio, lo: v.low, hi: v.high, verdict: v.verdict } : null;
        });
    },
    perDollar: function () {
      var c = data.comparison;
      return ratioChart('Performance per dollar relative to ' + c.baseline, c, function (m, col) {
        var p = m.perDollar[col], b = m.perDollar[c.baseline];
        if (!p || !b) { return null; }
        return { v: p.value / b.value, lo: (p.value - p.halfWidth) / b.value, hi: (p.value + p.halfWidth) / b.value };
      });
    }
  };

  /* Horizontal bars, one per metric and column, grouped by metric, with error bars and the verdict. */
  function ratioChart(title, c, pick) {
    var cats = [], bars = {}, errs = [];
    c.columns.forEach(function (col) { bars[col] = []; });
    c.metrics.forEach(function (m) {
      c.columns.forEach(function (col) {
        var r = pick(m, col);
        if (!r) { return; }
        var cat = col + ' · ' + m.label;
        cats.push(cat);
        c.columns.forEach(function (k) {
          bars[k].push(k === col ? { value: r.v, verdict: r.verdict || (col === c.baseline ? 'baseline' : ''),
            unbounded: col !== c.baseline && (r.lo == null || isNaN(r.lo)) } : '-');
        });
        if (r.lo != null && !isNaN(r.lo)) { errs.push([cat, r.lo, r.hi]); }
      });
    });
    var o = base(title);
    o.grid = { left: 330, right: 220, top: 44, bottom: 40 };
    o.tooltip = { trigger: 'item', confine: true };
    o.yAxis = { type: 'category', data: cats, inverse: true, axisLabel: { width: 310, overflow: 'truncate' } };
    o.xAxis = { type: 'value', min: 0 };
    o.series = c.columns.map(function (col) {
      return { type: 'bar', name: col, stack: 'one', barMaxWidth: 18, data: bars[col],
        label: { show: true, position: 'right', distance: 30, formatter: function (p) {
          var v = p.data && p.data.verdict;
          var sig = v === 'better' || v === 'worse' ? ' ✱' : '';
          return fixed(p.value, 3) + (v && v !== 'baseline' ? ' ' + v + sig : '')
            + (p.data && p.data.unbounded ? ' (interval unbounded)' : '');
        } },
        markLine: col === c.baseline ? { symbol: 'none', silent: true, data: [{ xAxis: 1 }], lineStyle: { color: '#333' } } : undefined };
    });
    o.series.push(errorBars('interval', errs, true, '#222'));
    return o;
  }
  window.AssayCharts = builders;

  var drawn = [];
  var elements = document.querySelectorAll('[data-chart]');
  for (var i = 0; i < elements.length; i++) {
    var el = elements[i];
    status.charts++;
    try {
      var run = null;
      if (el.dataset.run != null) {
        run = data.runs.filter(function (r) { return String(r.index) === el.dataset.run; })[0].charts;
      }
      var builder = builders[el.dataset.chart];
      if (!builder) { throw new Error('no builder for chart ' + el.dataset.chart); }
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(builder(run, el));
      drawn.push(el);
    } catch (e) {
      status.errors.push(el.dataset.chart + ': ' + e.message);
    }
  }
  window.addEventListener('resize', function () {
    drawn.forEach(function (el) { echarts.getInstanceByDom(el).resize(); });
  });
  setTimeout(function () {
    drawn.forEach(function (el) {
      // Non-blank: the SVG holds drawn shapes beyond the axes (a series path, bar or line).
      var shapes = el.querySelectorAll('svg path, svg rect, svg polyline').length;
      if (shapes >= 6) { status.rendered++; } else { status.blank.push(el.dataset.chart + (el.dataset.group ? ':' + el.dataset.group : '')); }
    });
    document.body.setAttribute('data-assay-status', JSON.stringify(status));
    var pre = document.createElement('pre');
    pre.id = 'assay-status';
    pre.style.display = 'none';
    pre.textContent = JSON.stringify(status);
    document.body.appendChild(pre);
  }, 200);
})();

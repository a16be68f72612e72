// Time in state moves on here, in the browser. The grid's rows are shared HTML that the server builds once per operator
// state (RowMarkup): were they built again each minute, every open dashboard would redraw every row each minute. Each
// duration is a span.since whose data-from is when the state began (data-at-least when it began before the dashboard
// first saw it: "≥ 12 min"). The table's data-server-time, written at each render, measures this screen's clock against
// the server's, so a screen whose clock is wrong still shows true durations. The format is Durations.Format's.
(() => {
    let offset = 0; // the server's clock minus this browser's, in ms
    let serverTime = null; // the data-server-time the offset was measured from
    let scheduled = false;

    const pad = n => String(n).padStart(2, "0");
    const format = ms => {
        const minutes = Math.floor(ms / 60000);
        if (minutes < 1) return "< 1 min";
        if (minutes < 60) return `${minutes} min`;
        const hours = Math.floor(minutes / 60);
        if (hours < 24) return `${hours} h ${pad(minutes % 60)}`;
        return `${Math.floor(hours / 24)} d ${pad(hours % 24)} h`;
    };
    const text = span => {
        const from = Date.parse(span.getAttribute("data-from"));
        if (Number.isNaN(from)) return null;
        const lasted = Math.max(0, Date.now() + offset - from);
        if (!span.hasAttribute("data-at-least")) return format(lasted);
        return "≥ " + (lasted < 60000 ? "0 min" : format(lasted));
    };
    const update = () => {
        scheduled = false;
        // Measured only when the server writes a new time: one already seen was written some time ago.
        const written = document.querySelector("[data-server-time]")?.getAttribute("data-server-time") ?? null;
        if (written !== null && written !== serverTime && !Number.isNaN(Date.parse(written))) {
            serverTime = written;
            offset = Date.parse(written) - Date.now();
        }
        for (const span of document.querySelectorAll("span.since[data-from]")) {
            const value = text(span);
            if (value !== null && span.textContent !== value) span.textContent = value;
        }
    };
    const schedule = () => {
        if (scheduled) return;
        scheduled = true;
        requestAnimationFrame(update);
    };

    // New rows (a change, a new page, a filter) are put right as soon as they are drawn; the rest every 10 s.
    const start = () => {
        new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-server-time"] });
        setInterval(schedule, 10000);
        schedule();
    };
    if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();

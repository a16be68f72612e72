// Keeps every page live with nobody at the keyboard (a wall TV above all). Blazor's own reconnection gives up after a
// few tries and waits for a click; here it retries for ever, with backoff and jitter so that screens do not all call at
// once after a restart, and reloads the page (once the server answers) when the server no longer knows the circuit.
// While the server is out of reach, #components-reconnect-modal says so and the freshness hook says stale.
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    const since = document.getElementById("reconnect-since");
    const delay = attempt => {
        const ceiling = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
        return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    };
    const hhmm = at => at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });

    let reloading = false;
    const reloadWhenServerAnswers = async (attempt = 0) => {
        if (reloading && attempt === 0) return;
        reloading = true;
        try {
            const answer = await fetch("/health/live", { cache: "no-store" });
            if (answer.ok) {
                location.reload();
                return;
            }
        } catch {
            // Not reachable yet: try again later.
        }
        setTimeout(() => reloadWhenServerAnswers(attempt + 1), delay(attempt));
    };

    // The freshness hook is the server's; while the server cannot speak, the page says stale itself and puts the
    // server's value back once it is heard again (a later change from the server overwrites it anyway).
    let lostAt = null;
    const saved = new Map();
    const lost = () => {
        if (lostAt) return;
        lostAt = new Date();
        if (since) since.textContent = ` ${since.dataset.word || "since"} ${hhmm(lostAt)}`;
        document.querySelectorAll("[data-testid=freshness]").forEach(element => {
            saved.set(element, element.getAttribute("data-stale"));
            element.setAttribute("data-stale", "true");
        });
    };
    const found = () => {
        lostAt = null;
        saved.forEach((value, element) => element.isConnected && value !== null && element.setAttribute("data-stale", value));
        saved.clear();
    };

    if (modal) {
        new MutationObserver(() => {
            const classes = modal.classList;
            if (classes.contains("components-reconnect-show") || classes.contains("components-reconnect-retrying")) {
                lost();
            } else if (classes.contains("components-reconnect-failed") || classes.contains("components-reconnect-rejected")
                || classes.contains("components-reconnect-resume-failed")) {
                lost();
                reloadWhenServerAnswers();
            } else if (classes.contains("components-reconnect-hide")) {
                found();
            }
        }).observe(modal, { attributes: true, attributeFilter: ["class"] });
    }

    // A page that stays as the server first drew it (its circuit never started: the server went away in between) would
    // never update again. A page that says whether it is live (data-interactive) and is not after two checks reloads.
    let notLive = 0;
    setInterval(() => {
        const marked = document.querySelector("[data-interactive]");
        notLive = marked && marked.getAttribute("data-interactive") !== "true" && !lostAt ? notLive + 1 : 0;
        if (notLive >= 2) reloadWhenServerAnswers();
    }, 15000);

    // A daily reload at about the time a TV's address asks for (data-reload-at, HH:mm, this screen's clock), up to a
    // quarter of an hour later so that a room of TVs does not reload at the same second.
    const loadedAt = Date.now();
    const jitter = Math.random() * 15 * 60000;
    setInterval(() => {
        const at = document.querySelector("[data-reload-at]")?.getAttribute("data-reload-at");
        const parts = at?.match(/^(\d{2}):(\d{2})$/);
        if (!parts) return;
        const target = new Date(loadedAt);
        target.setHours(Number(parts[1]), Number(parts[2]), 0, 0);
        if (target.getTime() <= loadedAt) target.setDate(target.getDate() + 1);
        if (Date.now() >= target.getTime() + jitter) reloadWhenServerAnswers();
    }, 60000);

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                maxRetries: Number.MAX_SAFE_INTEGER,
                retryIntervalMilliseconds: previousAttempts => delay(previousAttempts),
            },
        },
    });
})();

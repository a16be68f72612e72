// The grid's rows are shared, ready-made HTML (RowMarkup), with no event handler of their own: one "gridaction" handler
// on the grid hears every click in it and is told which control was used, by its data-* attributes: the action is the
// control's data-testid (CONTRACT.md's hooks for the same controls). Loaded after blazor.web.js and before reconnect.js,
// which starts Blazor.
Blazor.registerCustomEventType("gridaction", {
    browserEventName: "click",
    createEventArgs: event => {
        const control = event.target instanceof Element ? event.target.closest("[data-testid=toggle], [data-testid=disconnect], [data-testid=select]") : null;
        if (!control || control.disabled) return { action: "", operatorId: 0, channel: "", checked: false };
        return {
            action: control.getAttribute("data-testid") ?? "",
            operatorId: Number(control.getAttribute("data-operator-id")) || 0,
            channel: control.getAttribute("data-channel") ?? "",
            checked: control.getAttribute("aria-checked") === "true",
        };
    },
});

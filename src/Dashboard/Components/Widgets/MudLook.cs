using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Widgets;

/// <summary>
/// MudBlazor's look on plain elements, for the parts of every page that need nothing from a component: the app bar and
/// its links, the buttons above the grid. A MudButton with its icon is two components, each with two render trees and
/// its parameter state, in every open dashboard (about fifteen on a Manager's page); MudBlazor's classes on a plain
/// element look the same and cost a few frames. The icons are shared markup, made once.
/// </summary>
public static class MudLook
{
    private static readonly ConcurrentDictionary<(string Icon, string Size, string Class), MarkupString> Icons = new();
    private static readonly ConcurrentDictionary<(string Icon, string Size), MarkupString> StartIcons = new();

    /// <summary>An SVG icon as MudIcon draws it (<paramref name="size"/>: small, medium, large).</summary>
    public static MarkupString Icon(string icon, string size = "medium", string extraClass = "") =>
        Icons.GetOrAdd((icon, size, extraClass), key => new MarkupString(Svg(key.Icon, key.Size, key.Class)));

    /// <summary>The icon at the start of a button's label, as MudButton's StartIcon draws it.</summary>
    public static MarkupString StartIcon(string icon, string size = "medium") =>
        StartIcons.GetOrAdd((icon, size), key => new MarkupString(
            $"<span class=\"mud-button-icon-start mud-button-icon-size-{key.Size}\">{Svg(key.Icon, key.Size, "")}</span>"));

    private static string Svg(string icon, string size, string extraClass) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClass.Length > 0 ? " " + extraClass : "")}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>";
}

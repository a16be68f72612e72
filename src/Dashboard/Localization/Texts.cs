namespace Dashboard.Localization;

/// <summary>
/// The user-visible texts, in <c>Texts.resx</c> (English) and <c>Texts.fr.resx</c> (French), read through
/// <c>IStringLocalizer&lt;Texts&gt;</c>. A text's key is its English wording, so a text missing from a translation shows
/// in English rather than as a code.
/// </summary>
public sealed class Texts;

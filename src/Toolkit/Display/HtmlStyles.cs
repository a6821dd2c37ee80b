namespace Fleetbook.Display;

/// <summary>
/// The displays' CSS. Notebook outputs share one page (VS Code inserts them into one DOM), so every rule is scoped
/// under <c>.fleetbook-display</c> and text colours inherit, which keeps displays readable on dark themes too.
/// </summary>
internal static class HtmlStyles
{
    public const string Css =
        ".fleetbook-display{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:13px;line-height:1.45;color:inherit;max-width:1000px;margin:.25rem 0}" +
        ".fleetbook-display .fb-header{display:flex;flex-wrap:wrap;align-items:center;gap:.6rem;margin:.1rem 0 .5rem}" +
        ".fleetbook-display .fb-title{font-weight:600;font-size:1.15em}" +
        ".fleetbook-display .fb-badge{display:inline-block;padding:.05rem .6rem;border-radius:999px;font-size:.85em;font-weight:600;color:#fff;background:#607d8b}" +
        ".fleetbook-display .fb-badge.fb-good{background:#2e7d32}.fleetbook-display .fb-badge.fb-warning{background:#f9a825;color:#1b1b1b}.fleetbook-display .fb-badge.fb-bad{background:#c62828}" +
        ".fleetbook-display p{margin:.3rem 0}" +
        ".fleetbook-display .fb-note{padding:.35rem .6rem;border-left:4px solid #607d8b;background:rgba(128,128,128,.08)}" +
        ".fleetbook-display .fb-note.fb-good{border-color:#2e7d32}.fleetbook-display .fb-note.fb-warning{border-color:#f9a825}.fleetbook-display .fb-note.fb-bad{border-color:#c62828}" +
        ".fleetbook-display .fb-next{margin:.5rem 0;padding:.35rem .6rem;border-left:4px solid #1565c0;background:rgba(21,101,192,.08)}" +
        ".fleetbook-display .fb-next-label{font-weight:600}.fleetbook-display .fb-or{opacity:.7}" +
        ".fleetbook-display code,.fleetbook-display pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}" +
        ".fleetbook-display code{padding:0 .25rem;border-radius:3px;background:rgba(128,128,128,.15)}" +
        ".fleetbook-display pre{margin:.3rem 0 .6rem;padding:.5rem .7rem;max-height:22em;overflow:auto;white-space:pre-wrap;word-break:break-word;border-radius:4px;background:rgba(128,128,128,.1)}" +
        ".fleetbook-display table{border-collapse:collapse;margin:.3rem 0 .7rem}" +
        ".fleetbook-display caption{text-align:left;font-weight:600;padding:.2rem 0}" +
        ".fleetbook-display th,.fleetbook-display td{padding:.2rem .65rem;border:1px solid rgba(128,128,128,.35);text-align:left;vertical-align:top}" +
        ".fleetbook-display thead th{background:rgba(128,128,128,.12)}" +
        ".fleetbook-display .fb-facts th{font-weight:500;opacity:.85;background:none}" +
        ".fleetbook-display td.fb-num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".fleetbook-display tr.fb-good td:first-child{box-shadow:inset 4px 0 #2e7d32}.fleetbook-display tr.fb-warning td:first-child{box-shadow:inset 4px 0 #f9a825}.fleetbook-display tr.fb-bad td:first-child{box-shadow:inset 4px 0 #c62828}" +
        ".fleetbook-display td.fb-good{color:#2e7d32;font-weight:600}.fleetbook-display td.fb-warning{color:#b27b00;font-weight:600}.fleetbook-display td.fb-bad{color:#c62828;font-weight:600}" +
        ".fleetbook-display .fb-omitted{opacity:.75;font-style:italic}" +
        ".fleetbook-display ul{margin:.2rem 0 .6rem;padding-left:1.3rem}" +
        ".fleetbook-display .fb-list-title,.fleetbook-display .fb-pre-title{font-weight:600;margin-top:.4rem}" +
        ".fleetbook-display .fb-bar{display:flex;height:14px;max-width:640px;border-radius:4px;overflow:hidden;background:rgba(128,128,128,.2);margin:.4rem 0 .2rem}" +
        ".fleetbook-display .fb-bar span{display:block;height:100%}" +
        ".fleetbook-display .fb-seg-good{background:#2e7d32}.fleetbook-display .fb-seg-bad{background:#c62828}.fleetbook-display .fb-seg-warning{background:#f9a825}.fleetbook-display .fb-seg-neutral{background:#90a4ae}" +
        ".fleetbook-display .fb-legend{font-size:.9em;opacity:.9;margin-bottom:.4rem}" +
        ".fleetbook-display .fb-legend i{display:inline-block;width:.7em;height:.7em;border-radius:2px;margin:0 .3rem 0 .8rem;vertical-align:baseline}" +
        ".fleetbook-display .fb-legend i:first-child{margin-left:0}" +
        ".fleetbook-display .fb-section{margin:.9rem 0 .4rem}" +
        ".fleetbook-display .fb-section>h4,.fleetbook-display .fb-section>summary{font-size:1.05em;font-weight:600;margin:.2rem 0 .4rem;cursor:default}" +
        ".fleetbook-display details.fb-section>summary{cursor:pointer}" +
        ".fleetbook-display .fleetbook-plot{width:100%;max-width:1000px}";
}

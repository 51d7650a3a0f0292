// Tells the server whether this device prefers dark pages (a cookie the next page's first HTML reads), so a person who
// follows the system's setting gets no light flash before the app is live. Loaded in <head>, before the first paint.
// While a page is live, the layout's hidden #system-dark box carries the setting to the server as a plain change event
// (no JS interop): when the live page starts with another guess than the device's (the cookie was older than the
// request) and whenever the device changes.
(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const remember = () => {
        document.cookie = `prefers-dark=${query.matches ? 1 : 0}; path=/; max-age=31536000; SameSite=Lax`;
    };
    const report = box => {
        if (box instanceof HTMLInputElement && box.checked !== query.matches) {
            box.checked = query.matches;
            box.dispatchEvent(new Event('change', { bubbles: true }));
        }
    };
    remember();
    query.addEventListener('change', () => {
        remember();
        report(document.getElementById('system-dark'));
    });
    // The live page draws its own box (the prerendered one takes no events): each new one is told the setting.
    let seen = null;
    new MutationObserver(() => {
        const box = document.getElementById('system-dark');
        if (box && box !== seen) {
            seen = box;
            report(box);
        }
    }).observe(document.documentElement, { childList: true, subtree: true });
})();

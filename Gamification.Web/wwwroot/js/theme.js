// Tells the server whether this device prefers dark pages (a cookie the next page's first HTML reads), so a person who
// follows the system's setting gets no light flash before the app is live. Loaded in <head>, before the first paint.
(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const remember = () => {
        document.cookie = `prefers-dark=${query.matches ? 1 : 0}; path=/; max-age=31536000; SameSite=Lax`;
    };
    remember();
    query.addEventListener('change', remember);
})();

// Downloads for the supervisor dashboards: the page builds the CSV on the server and hands it here as text.
// Loaded as a module by the analytics pages (IJSRuntime "import"), so no script tag is needed.
export function downloadFile(name, content) {
    const blob = new Blob([content], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Explains the workflow once, in the app's own words, and points newcomers at
// the built-in Demo MLS so they can try everything without an MLS account.

const STEPS: ReadonlyArray<[string, string]> = [
  ["Connect to an MLS", "Add the RETS login URL, user name and password your MLS gave you."],
  ["Explore metadata", "See the resources, classes and fields the server offers."],
  ["Build a query", "Pick a class, filter on fields and choose the columns you need."],
  ["Download", "Records arrive in batches as a background job you can cancel."],
  ["Browse", "Sort, filter and inspect the downloaded records offline."],
  ["Export", "Save results as CSV or Excel for your own tools."],
];

/** The welcome panel on Home. */
export function WelcomePanel() {
  return (
    <section className="panel" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to RETS Data Portal</h2>
      <p className="lead">
        A desktop workbench for MLS listing data served over RETS 1.x. Everything runs on this computer: your
        credentials and downloaded records stay here.
      </p>
      <ol className="steps">
        {STEPS.map(([title, text]) => (
          <li key={title} className="step">
            <span className="step-title">{title}</span>
            <span className="step-text">{text}</span>
          </li>
        ))}
      </ol>
      <div className="callout">
        <h3>No MLS account? Use the Demo MLS</h3>
        <p>
          A simulated MLS server is built into the app and runs locally — no set-up and no internet needed. Sign in
          with user <kbd>demo</kbd> and password <kbd>demo</kbd>.
        </p>
      </div>
    </section>
  );
}

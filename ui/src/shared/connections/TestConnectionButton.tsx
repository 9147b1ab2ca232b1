// The "Test the connection" next step offered by error boxes: opens the
// Connections screen (nothing when rendered outside the shell).
import { useNavigate } from "../../app/navigationContext";

/** A button that opens Connections, where the test runs. */
export function TestConnectionButton() {
  const navigate = useNavigate();
  if (!navigate) return null;
  return (
    <button type="button" className="button" onClick={() => { navigate("connections"); }}>
      Test the connection
    </button>
  );
}

// Entry point of the explorer bundle: boot.ts first (it starts the first requests), then the styles
// and the app.
import "./boot.ts";
import "./styles.css";
import { startApp } from "./app.ts";

startApp();

import { Popup } from "../src/ui/Popup";

export default Popup;

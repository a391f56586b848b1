/* Find a grid by name, village or leader: filters GRIDSTAR_INDEX
 * (search/index.js); without JavaScript the page lists every grid. */
(function () {
	"use strict";
	var box = document.getElementById("search");
	var q = document.getElementById("q");
	var count = document.getElementById("count");
	var list = document.getElementById("results");
	var rel = "../";

	if (!box || typeof GRIDSTAR_INDEX === "undefined")
		return;
	box.hidden = false;
	function show() {
		var words = q.value.trim().toLowerCase().split(/\s+/);
		var hits = [], i, j, e, text, ok, li, a, small;

		list.textContent = "";
		if (q.value.trim() === "") {
			count.textContent = "";
			return;
		}
		for (i = 0; i < GRIDSTAR_INDEX.length; i++) {
			e = GRIDSTAR_INDEX[i];
			text = (e[0] + " " + e[1] + " " + e[2]).toLowerCase();
			ok = true;
			for (j = 0; j < words.length; j++)
				if (text.indexOf(words[j]) < 0)
					ok = false;
			if (ok)
				hits.push(e);
		}
		count.textContent = hits.length > 0 ?
		    box.getAttribute("data-found").replace("{n}", hits.length) :
		    box.getAttribute("data-none");
		for (i = 0; i < hits.length && i < 50; i++) {
			li = document.createElement("li");
			a = document.createElement("a");
			a.href = rel + hits[i][3];
			a.textContent = hits[i][0];
			small = document.createElement("span");
			small.className = "small";
			small.textContent = " " + hits[i][1] +
			    (hits[i][2] ? " · " + hits[i][2] : "");
			li.appendChild(a);
			li.appendChild(small);
			list.appendChild(li);
		}
	}
	q.addEventListener("input", show);
	show();
}());

console.log("badung-cityd test script");
